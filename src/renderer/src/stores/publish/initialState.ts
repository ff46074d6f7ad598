import type { PublishHistoryEntry, PublishTemplate } from '@shared/contract'
import type { ComposerDraft } from './compose'

/** The answer to the last send: in flight, acknowledged, or refused with the broker's reason. */
export type PublishOutcome = { kind: 'sending' } | { kind: 'ok'; text: string } | { kind: 'error'; text: string }

/** Composer drafts and outcomes per connection; publish history and templates per profile. */
export interface PublishState {
  drafts: Record<string, ComposerDraft>
  outcomes: Record<string, PublishOutcome>
  history: Record<string, PublishHistoryEntry[]>
  templates: Record<string, PublishTemplate[]>
}

export const initialPublishState: PublishState = { drafts: {}, outcomes: {}, history: {}, templates: {} }
