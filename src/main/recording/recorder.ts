import { compileTopicFilter, type TopicMatcher } from '../../shared/topics'
import type { ReceivedMessage } from '../../shared/contract'
import { copyBytes } from '../model/bytes'
import { keptProperties } from '../model/storedProperties'
import type { RecordedMessage, RecordingFile, RecordingMeta } from './recordingFile'

/** When a recording ends by itself. */
export interface RecordingLimits {
  /** Stop once the file reaches this size. */
  maxBytes: number | null
  /** Stop this long after the start. */
  maxAgeMs: number | null
}

export interface RecorderOptions {
  file: RecordingFile
  meta: RecordingMeta
  limits: RecordingLimits
  now: () => number
  /** Messages waiting for the disk beyond this many bytes are counted as not written instead of buffered. */
  maxPendingBytes?: number
}

const DEFAULT_MAX_PENDING_BYTES = 64 << 20
/** Fixed cost of one waiting message besides its payload, for the pending bound. */
const MESSAGE_COST = 128

/** Why writing stopped, as the user reads it. */
function writeFailure(path: string, error: unknown): string {
  const code = (error as { code?: unknown }).code
  if (code === 'SQLITE_FULL') return `The disk holding ${path} is full: recording stopped. What was written is kept and can be opened.`
  const detail = error instanceof Error ? error.message : String(error)
  return `Writing ${path} failed (${detail}): recording stopped. What was written before is kept.`
}

/**
 * One connection's recording: messages that match its filters are copied off the receive path into a batch,
 * written in one transaction per flush. Lossless or honest: every message received while recording is either
 * written or counted in `notWritten` with the reason (the disk full, or not keeping up).
 */
export class Recorder {
  readonly meta: RecordingMeta
  /** Set once the recording ended; the sentence says why when it ended by itself. */
  ended = false
  endReason: string | null = null
  private batch: RecordedMessage[] = []
  private pendingBytes = 0
  private readonly matchers: TopicMatcher[]
  private readonly maxPendingBytes: number

  constructor(private readonly options: RecorderOptions) {
    this.meta = options.meta
    this.matchers = options.meta.filters.map(compileTopicFilter)
    this.maxPendingBytes = options.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES
  }

  get path(): string {
    return this.options.file.path
  }

  /** Receive path: one message of the connection. */
  ingest(message: ReceivedMessage): void {
    if (this.ended) return
    const matchers = this.matchers
    if (matchers.length > 0 && !matchers.some((matches) => matches(message.topic))) return
    const meta = this.meta
    meta.received++
    const size = message.payload.length
    if (this.pendingBytes + size + MESSAGE_COST > this.maxPendingBytes) {
      this.notWritten(1, `The disk did not keep up: messages that arrived while ${Math.round(this.maxPendingBytes / 1048576)} MB waited to be written were not recorded.`)
      return
    }
    this.pendingBytes += size + MESSAGE_COST
    const recorded: RecordedMessage = {
      topic: message.topic,
      payload: copyBytes(message.payload, size),
      qos: message.qos,
      retain: message.retain,
      dup: message.dup,
      receivedAtMicros: Math.round(message.receivedAt * 1000)
    }
    if (message.properties) recorded.properties = keptProperties(message.properties)
    this.batch.push(recorded)
  }

  /** Writes what waits, then ends the recording when a limit is reached. */
  flush(): void {
    if (this.ended) return
    const batch = this.batch
    if (batch.length > 0) {
      this.batch = []
      this.pendingBytes = 0
      try {
        this.options.file.append(batch)
        this.meta.written += batch.length
      } catch (error) {
        this.notWritten(batch.length, writeFailure(this.path, error))
        this.end(writeFailure(this.path, error))
        return
      }
    }
    const { maxBytes, maxAgeMs } = this.options.limits
    if (maxBytes !== null && this.options.file.sizeBytes() >= maxBytes) {
      this.end(`The recording reached its size limit of ${Math.round(maxBytes / 1048576)} MB and stopped.`)
    } else if (maxAgeMs !== null && this.options.now() - this.meta.startedAt >= maxAgeMs) {
      this.end(`The recording reached its time limit of ${Math.round(maxAgeMs / 1000)} s and stopped.`)
    }
  }

  /** Writes what waits and closes the file; `reason` says why when the recording ended by itself. */
  end(reason: string | null = null): void {
    if (this.ended) return
    if (reason === null) this.flush()
    this.ended = true
    this.endReason = reason
    this.meta.stoppedAt = this.options.now()
    // Messages still waiting when a write failed are not written either.
    if (this.batch.length > 0) this.notWritten(this.batch.length, reason ?? 'The recording stopped before they were written.')
    this.batch = []
    try {
      this.options.file.writeMeta(this.meta)
    } catch {
      // A full disk cannot take the final counts either: the file keeps its last description, and the service
      // reports the counts it holds.
    } finally {
      this.options.file.close()
    }
  }

  private notWritten(count: number, reason: string): void {
    this.meta.notWritten += count
    this.meta.notWrittenReason ??= reason
  }
}
