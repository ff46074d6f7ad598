import { DELTA_STRIDE, type ConnectionStats, type ModelSettings } from '../../shared/contract'
import type { DeltaReceiver } from '../ports/deltaReceiver'
import type { ConnectionModel } from './connectionModel'
import { DeltaStream } from './deltaStream'
import { TalkerRates } from './talkerRates'

export interface CoalescerOptions {
  settings: () => ModelSettings
  now?: () => number
}

const RATE_WINDOW_MS = 1_000
/** The shortest time between two frames: one display frame. */
const FRAME_MS = 16
/** A frame that sent at most this many topics to every receiver counts as light: the next may follow one display frame later. */
const LIGHT_FRAME_TOPICS = 64

/**
 * Sends a connection's changes to each receiver in frames: every changed topic once per frame, however often it
 * changed, with its latest message as a preview. Each receiver has its own stream (DeltaStream), so a slow one
 * skips frames and catches up by itself while the others get every frame.
 *
 * Frames follow the load: a change on a quiet connection goes out at once (after the current I/O turn, so one
 * socket read's messages travel together), light frames follow each other one display frame apart, and after
 * a heavy frame the next waits `deltaIntervalMs`, so a flood costs no more frames than a fixed interval. With
 * nothing to send there is no frame timer at all; a once-a-second timer keeps the rates current.
 */
export class DeltaCoalescer {
  /** Per-topic rates for the top talkers, fed from the frames' changed topics while someone asks. */
  readonly talkers: TalkerRates
  private readonly streams = new Map<string, DeltaStream>()
  private frameTimer: NodeJS.Timeout | undefined
  private rateTimer: NodeJS.Timeout | undefined
  private lastFrameAt = -Infinity
  private lastFrameHeavy = false
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
    this.talkers = new TalkerRates(model)
  }

  /** Starts sending frames: from now on a change in the model schedules one. */
  start(): void {
    if (this.rateTimer) return
    this.model.onFirstChange = () => this.wake()
    this.rateTimer = setInterval(() => this.wake(), RATE_WINDOW_MS)
    this.rateTimer.unref()
    this.wake()
  }

  stop(): void {
    this.model.onFirstChange = undefined
    if (this.rateTimer) clearInterval(this.rateTimer)
    this.rateTimer = undefined
    this.cancelFrame()
  }

  /** Something may need sending: schedules the next frame unless one is scheduled already. */
  wake(): void {
    if (this.frameTimer !== undefined || this.rateTimer === undefined) return
    const wait = this.lastFrameAt + (this.lastFrameHeavy ? this.options.settings().deltaIntervalMs : FRAME_MS) - this.now()
    // At once means after the current I/O turn: the rest of this socket read's messages join the frame.
    this.frameTimer = setTimeout(() => this.frame(), Math.max(0, wait)).unref()
  }

  private frame(): void {
    this.frameTimer = undefined
    this.tick()
    if (this.hasPending()) this.wake()
  }

  private cancelFrame(): void {
    clearTimeout(this.frameTimer)
    this.frameTimer = undefined
  }

  /** Anything left for a later frame: changes not handed out, or a stream with news it could not send yet. */
  private hasPending(): boolean {
    if (this.model.dirty.size > 0 || this.model.removals.length > 0) return true
    for (const stream of this.streams.values()) if (stream.hasNews) return true
    return false
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
    } else {
      this.streams.set(receiver.id, new DeltaStream(receiver, this.connectionId, this.model))
    }
    this.wake()
  }

  /** The stream of one receiver, if it has one. */
  stream(receiverId: string): DeltaStream | undefined {
    return this.streams.get(receiverId)
  }

  /** One frame: hands the model's changes to every stream, then sends each receiver that has room its delta. */
  tick(): void {
    const now = this.now()
    this.updateRates(now)
    this.handOut(now)
    this.talkers.expire(now)
    this.model.sweepTombstones(now)
    const settings = this.options.settings()
    let stats: ConnectionStats | undefined
    let heaviest = 0
    let skipped = false
    for (const [id, stream] of this.streams) {
      if (!stream.receiver.isOpen()) {
        this.streams.delete(id)
        continue
      }
      stream.prepare()
      if (!stream.hasNews) continue
      if (!stream.canSend()) {
        stream.skippedFrames++
        skipped = true
        continue
      }
      stats ??= this.stats()
      const delta = stream.build(settings, stats)
      heaviest = Math.max(heaviest, delta.numbers.length / DELTA_STRIDE)
      stream.receiver.send(delta)
    }
    if (stats || skipped) {
      this.lastFrameAt = now
      // A receiver with no room is asked again a whole interval later, not at every turn of the event loop.
      this.lastFrameHeavy = skipped || heaviest > LIGHT_FRAME_TOPICS
    }
  }

  /** Resets every receiver at once, busy or not (the model was cleared: each must hear it). */
  sendResets(): void {
    this.handOut(this.now())
    const settings = this.options.settings()
    const stats = this.stats()
    for (const stream of this.streams.values()) {
      if (!stream.receiver.isOpen()) continue
      stream.requestReset()
      stream.prepare()
      stream.receiver.send(stream.build(settings, stats))
    }
  }

  /** Moves the model's removed and changed topics to every stream and the rates (removals first: their ids may be reused). */
  private handOut(now: number): void {
    const model = this.model
    const streams = this.streams
    const talkers = this.talkers
    const removals = model.removals
    if (removals.length > 0) {
      for (const entry of removals) {
        talkers.forget(entry)
        for (const stream of streams.values()) stream.forget(entry)
      }
      removals.length = 0
    }
    const dirty = model.dirty
    for (let entry = dirty.peek(); entry; entry = dirty.peek()) {
      dirty.take()
      talkers.note(entry, now)
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
