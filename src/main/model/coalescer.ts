import { DELTA_STRIDE, DeltaFlag, type ConnectionStats, type MessageProperties, type ModelDelta, type ModelSettings } from '../../shared/contract'
import type { ConnectionModel } from './connectionModel'
import type { MessageLog } from './messageLog'
import type { TopicEntry } from './topicEntry'

/** Where deltas go, and whether the receiver can take one now. */
export interface CoalescerOptions {
  settings: () => ModelSettings
  emit: (delta: ModelDelta) => void
  /** False while the receiver is still busy with earlier deltas: the frame is skipped and changes keep merging. */
  canSend?: () => boolean
  now?: () => number
}

const RATE_WINDOW_MS = 1_000

/**
 * Sends a connection's changes at most once per interval: every changed topic once, however often it
 * changed, with its latest message as a preview. A delta is bounded by topic count and preview bytes;
 * what does not fit waits in the model's dirty queue for the next tick, so memory stays O(topics).
 */
export class DeltaCoalescer {
  skippedFrames = 0
  private seq = 0
  private timer: NodeJS.Timeout | undefined
  private intervalMs = 0
  private windowStart: number
  private windowMessages = 0
  private windowBytes = 0
  private messagesPerSecond = 0
  private bytesPerSecond = 0
  private statsChanged = false
  private readonly batch: TopicEntry[] = []
  private readonly now: () => number

  constructor(
    private readonly connectionId: string,
    private readonly model: ConnectionModel,
    private readonly options: CoalescerOptions
  ) {
    this.now = options.now ?? Date.now
    this.windowStart = this.now()
  }

  /** Starts (or restarts with a new interval) the frame timer. */
  start(): void {
    const intervalMs = this.options.settings().deltaIntervalMs
    if (this.timer && intervalMs === this.intervalMs) return
    this.stop()
    this.intervalMs = intervalMs
    this.timer = setInterval(() => this.tick(), intervalMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }

  /** One frame: sends a delta when something changed and the receiver can take it. */
  tick(): void {
    const now = this.now()
    this.updateRates(now)
    const model = this.model
    const pending = model.dirty.size > 0 || model.removed.size > 0 || model.resetPending
    if (!pending && !this.statsChanged) return
    if (this.options.canSend && !this.options.canSend()) {
      this.skippedFrames++
      return
    }
    model.sweepTombstones(now)
    this.statsChanged = false
    this.options.emit(this.buildDelta())
  }

  /** The next delta, taking changed topics from the model within the bounds of one delta. */
  buildDelta(): ModelDelta {
    const model = this.model
    const settings = this.options.settings()
    const batch = this.batch
    const log = model.log
    let bytes = 0
    let previewBytes = 0
    for (let entry = model.dirty.peek(); entry && batch.length < settings.maxTopicsPerDelta; entry = model.dirty.peek()) {
      const length = previewLength(log, entry.newest, settings.previewBytes)
      // Topic names count too: a topic may be up to 64 KiB long.
      if (batch.length > 0 && bytes + length + entry.topic.length > settings.maxPreviewBytesPerDelta) break
      model.dirty.take()
      batch.push(entry)
      bytes += length + entry.topic.length
      previewBytes += length
    }
    const names: string[] = []
    const nameIds: number[] = []
    const numbers = new Float64Array(batch.length * DELTA_STRIDE)
    const previews = new Uint8Array(previewBytes)
    const properties: Array<[number, MessageProperties]> = []
    let offset = 0
    for (let i = 0; i < batch.length; i++) {
      const entry = batch[i] as TopicEntry
      const seq = entry.newest
      const size = log.sizeOf(seq)
      const length = log.copyPayload(seq, settings.previewBytes, previews, offset)
      offset += length
      if (!entry.announced) {
        entry.announced = true
        names.push(entry.topic)
        nameIds.push(entry.id)
      }
      const base = i * DELTA_STRIDE
      numbers[base] = entry.count
      numbers[base + 1] = log.receivedAtOf(seq)
      numbers[base + 2] = size
      numbers[base + 3] = length
      numbers[base + 4] = deltaFlags(log.flagsOf(seq), size, length, entry.retained)
      numbers[base + 5] = entry.id
      const messageProperties = log.propertiesOf(seq)
      if (messageProperties) properties.push([i, messageProperties])
    }
    batch.length = 0
    const delta: ModelDelta = {
      connectionId: this.connectionId,
      seq: ++this.seq,
      reset: model.resetPending,
      removed: [...model.removed],
      names,
      nameIds,
      numbers,
      previews,
      properties,
      stats: this.stats()
    }
    model.resetPending = false
    model.removed.clear()
    return delta
  }

  /** The connection's statistics as of now. */
  stats(): ConnectionStats {
    const model = this.model
    return {
      messagesPerSecond: this.messagesPerSecond,
      bytesPerSecond: this.bytesPerSecond,
      topicCount: model.topics.size,
      messageCount: model.messageCount,
      storedBytes: model.storedBytes,
      budgetBytes: this.options.settings().budgetBytes,
      evictedMessages: model.log.evicted,
      evictedPayloads: model.evictedPayloads,
      pendingTopics: model.dirty.size,
      skippedFrames: this.skippedFrames
    }
  }

  private updateRates(now: number): void {
    const model = this.model
    if (model.messageCount < this.windowMessages) {
      // The model was cleared: start a fresh window.
      this.windowStart = now
      this.windowMessages = model.messageCount
      this.windowBytes = model.byteCount
    }
    const elapsed = now - this.windowStart
    if (elapsed < RATE_WINDOW_MS) return
    const messagesPerSecond = Math.round(((model.messageCount - this.windowMessages) * 1000) / elapsed)
    const bytesPerSecond = Math.round(((model.byteCount - this.windowBytes) * 1000) / elapsed)
    if (messagesPerSecond !== this.messagesPerSecond || bytesPerSecond !== this.bytesPerSecond) this.statsChanged = true
    this.messagesPerSecond = messagesPerSecond
    this.bytesPerSecond = bytesPerSecond
    this.windowStart = now
    this.windowMessages = model.messageCount
    this.windowBytes = model.byteCount
  }
}

function previewLength(log: MessageLog, seq: number, previewBytes: number): number {
  return log.flagsOf(seq) & DeltaFlag.payloadEvicted ? 0 : Math.min(previewBytes, log.sizeOf(seq))
}

function deltaFlags(messageFlags: number, size: number, previewed: number, retained: boolean): number {
  let flags = messageFlags
  if (previewed < size && !(flags & DeltaFlag.payloadEvicted)) flags |= DeltaFlag.truncated
  if (retained) flags |= DeltaFlag.retainedTopic
  return flags
}
