import type { PublishHistoryEntry, PublishTemplate, RequestHistoryEntry } from '@shared/contract'
import { emptyComposerDraft, type ComposerDraft } from './compose'
import type { PublishSend, PublishState } from './initialState'

const NO_ENTRIES: PublishHistoryEntry[] = []
const NO_TEMPLATES: PublishTemplate[] = []
const NO_SENDS: PublishSend[] = []
const NO_REQUESTS: RequestHistoryEntry[] = []

/** Derived reads of the publish slice. */
export const publishSelectors = {
  draft:
    (connectionId: string) =>
    (state: PublishState): ComposerDraft =>
      state.drafts[connectionId] ?? emptyComposerDraft,
  sends:
    (connectionId: string) =>
    (state: PublishState): PublishSend[] =>
      state.sends[connectionId] ?? NO_SENDS,
  history:
    (profileId: string) =>
    (state: PublishState): PublishHistoryEntry[] =>
      state.history[profileId] ?? NO_ENTRIES,
  templates:
    (profileId: string) =>
    (state: PublishState): PublishTemplate[] =>
      state.templates[profileId] ?? NO_TEMPLATES,
  requests:
    (profileId: string) =>
    (state: PublishState): RequestHistoryEntry[] =>
      state.requests[profileId] ?? NO_REQUESTS
}
