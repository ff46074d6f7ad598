import type { RecordingSummary, ReplayStatus } from '@shared/contract'

export interface RecordingsState {
  /** The recording of each connection being recorded (or that just ended, until the next start). */
  byConnection: Record<string, RecordingSummary>
  /** Every recording on disk, newest first, as last listed. */
  list: RecordingSummary[]
  /** The last failure, as a sentence. */
  error: string | null
  /** The latest replay of each recording (running, or how it ended), by recording id. */
  replays: Record<string, ReplayStatus>
  /** What the last import did, as a sentence (cleared by the next failure). */
  notice: string | null
}

export const initialRecordingsState: RecordingsState = { byConnection: {}, list: [], error: null, replays: {}, notice: null }
