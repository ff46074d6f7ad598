import type { ConnectionStats, ModelSettings } from '../../shared/contract'
import type { DeltaReceiver } from '../ports/deltaReceiver'
import type { ConnectionModel } from './connectionModel'
import { DeltaStream } from './deltaStream'

export interface CoalescerOptions {
  settings: () => ModelSettings
  now?: () => number
}

const RATE_WINDOW_MS = 1_000

/**
 * Sends a connection's changes at most once per interval to each receiver: every changed topic once, however
 * often it changed, with its latest message as a preview. Each receiver has its own stream (DeltaStream), so a
 * slow one skips frames and catches up by itself while the others get every frame.
 */
export class DeltaCoalescer {
  private readonly streams = new Map<string, DeltaStream>()
  private timer: NodeJS.Timeout | undefined
  private intervalMs = 0
  private windowStart: number
  private windowMessages = 0
  private windowBytes = 0
  private messagesPerSecond = 0
  private bytesPerSecond = 0
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

  /**
   * Starts a receiver's stream, or starts it over (a new page in the same window): its next delta resets it
   * and carries every topic.
   */
  attach(receiver: DeltaReceiver): void {
    const stream = this.streams.get(receiver.id)
    if (stream) {
      stream.receiver = receiver
      stream.requestReset()
      return
    }
    this.streams.set(receiver.id, new DeltaStream(receiver, this.connectionId, this.model))
  }

  /** The stream of one receiver, if it has one. */
  stream(receiverId: string): DeltaStream | undefined {
    return this.streams.get(receiverId)
  }

  /** Every receiver's stream. */
  allStreams(): IterableIterator<DeltaStream> {
    return this.streams.values()
  }

  /** One frame: hands the model's changes to every stream, then sends each receiver that has room its delta. */
  tick(): void {
    const now = this.now()
    this.updateRates(now)
    this.handOut()
    this.model.sweepTombstones(now)
    const settings = this.options.settings()
    let stats: ConnectionStats | undefined
    for (const [id, stream] of this.streams) {
      if (!stream.receiver.isOpen()) {
        this.streams.delete(id)
        continue
      }
      stream.prepare()
      if (!stream.hasNews) continue
      if (!stream.canSend()) {
        stream.skippedFrames++
        continue
      }
      stats ??= this.stats()
      stream.receiver.send(stream.build(settings, stats))
    }
  }

  /** Resets every receiver at once, busy or not (the model was cleared: each must hear it). */
  sendResets(): void {
    this.handOut()
    const settings = this.options.settings()
    const stats = this.stats()
    for (const stream of this.streams.values()) {
      if (!stream.receiver.isOpen()) continue
      stream.requestReset()
      stream.prepare()
      stream.receiver.send(stream.build(settings, stats))
    }
  }

  /** Moves the model's removed and changed topics to every stream (removals first: their ids may be reused). */
  private handOut(): void {
    const model = this.model
    const streams = this.streams
    const removals = model.removals
    if (removals.length > 0) {
      for (const stream of streams.values()) for (const entry of removals) stream.forget(entry)
      removals.length = 0
    }
    const dirty = model.dirty
    for (let entry = dirty.peek(); entry; entry = dirty.peek()) {
      dirty.take()
      for (const stream of streams.values()) stream.enqueue(entry)
    }
  }

  /** The connection's statistics as of now (each stream fills in its own pending topics and skipped frames). */
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
      pendingTopics: 0,
      skippedFrames: 0
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
    if (messagesPerSecond !== this.messagesPerSecond || bytesPerSecond !== this.bytesPerSecond) {
      for (const stream of this.streams.values()) stream.statsChanged = true
    }
    this.messagesPerSecond = messagesPerSecond
    this.bytesPerSecond = bytesPerSecond
    this.windowStart = now
    this.windowMessages = model.messageCount
    this.windowBytes = model.byteCount
  }
}
