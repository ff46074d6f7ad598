import type { PublishHistoryEntry, PublishTemplate } from '@shared/contract'
import { emptyComposerDraft, type ComposerDraft } from './compose'
import type { PublishOutcome, PublishState } from './initialState'

const NO_ENTRIES: PublishHistoryEntry[] = []
const NO_TEMPLATES: PublishTemplate[] = []

/** Derived reads of the publish slice. */
export const publishSelectors = {
  draft:
    (connectionId: string) =>
    (state: PublishState): ComposerDraft =>
      state.drafts[connectionId] ?? emptyComposerDraft,
  outcome:
    (connectionId: string) =>
    (state: PublishState): PublishOutcome | undefined =>
      state.outcomes[connectionId],
  history:
    (profileId: string) =>
    (state: PublishState): PublishHistoryEntry[] =>
      state.history[profileId] ?? NO_ENTRIES,
  templates:
    (profileId: string) =>
    (state: PublishState): PublishTemplate[] =>
      state.templates[profileId] ?? NO_TEMPLATES
}
