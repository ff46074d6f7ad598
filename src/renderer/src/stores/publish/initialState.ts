import type { PublishHistoryEntry, PublishTemplate, QoS, RequestHistoryEntry } from '@shared/contract'
import type { ComposerDraft } from './compose'

/** One message sent from the composer: waiting for the broker, acknowledged, or refused / timed out with the reason. */
export interface PublishSend {
  id: number
  topic: string
  qos: QoS
  kind: 'sending' | 'ok' | 'error'
  /** The answer as a sentence; empty while sending. */
  text: string
}

/** Composer drafts and sent messages per connection; publish and request history and templates per profile. */
export interface PublishState {
  drafts: Record<string, ComposerDraft>
  /** Newest first: every message still waiting for the broker, and the last few answers. */
  sends: Record<string, PublishSend[]>
  history: Record<string, PublishHistoryEntry[]>
  templates: Record<string, PublishTemplate[]>
  /** MQTT 5 requests with how they ended, newest first, per profile (kept in main). */
  requests: Record<string, RequestHistoryEntry[]>
  /** Messages sent from each connection's composer, for {{counter}}. */
  counters: Record<string, number>
}

export const initialPublishState: PublishState = { drafts: {}, sends: {}, history: {}, templates: {}, requests: {}, counters: {} }
