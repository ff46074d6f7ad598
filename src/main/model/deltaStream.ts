import { DELTA_STRIDE, DeltaFlag, type ConnectionStats, type MessageProperties, type ModelDelta, type ModelSettings } from '../../shared/contract'
import type { DeltaReceiver } from '../ports/deltaReceiver'
import type { ConnectionModel } from './connectionModel'
import type { MessageLog } from './messageLog'
import { SeriesWatches } from './seriesWatch'
import type { TopicEntry } from './topicEntry'

/** Deltas a receiver may leave unconfirmed (model:ack) before its stream waits for it. */
export const MAX_UNACKED_DELTAS = 4

/**
 * One receiver's stream of one connection: its own sequence, reset, names already told, topics waiting and
 * credit. A slow receiver falls behind alone: its changed topics merge here (at most one entry per topic, so
 * O(topics), never O(messages)) while the other receivers go on, and it catches up without a reset.
 */
export class DeltaStream {
  seq = 0
  /** Frames in which this receiver had news but no room for it (see canSend). */
  skippedFrames = 0
  /** The connection's statistics changed since the last delta sent here. */
  statsChanged = false
  private acked = 0
  private resetRequested = true
  private resetPending = false
  /** Topics waiting, in the order they changed; entries removed meanwhile are skipped when reached. */
  private items: TopicEntry[] = []
  private head = 0
  private waiting = 0
  /** By topic id: waiting in `items` (1) or not. */
  private queued = new Uint8Array(1024)
  /** By topic id: its name went to this receiver since the last reset. */
  private announced = new Uint8Array(1024)
  private readonly removed = new Set<string>()
  private readonly batch: TopicEntry[] = []
  /** The series this receiver's charts watch on the connection: their points travel in its deltas. */
  readonly watches: SeriesWatches

  constructor(
    public receiver: DeltaReceiver,
    private readonly connectionId: string,
    private readonly model: ConnectionModel
  ) {
    this.watches = new SeriesWatches(model)
  }

  /** Changed topics waiting for this receiver. */
  get pendingTopics(): number {
    return this.waiting
  }

  /** Something to send: changed or removed topics, a reset, new statistics, or points of watched series. */
  get hasNews(): boolean {
    return this.waiting > 0 || this.removed.size > 0 || this.resetPending || this.statsChanged || (this.watches.size > 0 && this.watches.hasNews)
  }

  /** Room for one more delta: fewer than MAX_UNACKED_DELTAS unconfirmed, and the transport not congested. */
  canSend(): boolean {
    return this.seq - this.acked < MAX_UNACKED_DELTAS && this.receiver.canSend()
  }

  /** The receiver applied every delta up to `seq`. */
  ack(seq: number): void {
    if (seq > this.acked && seq <= this.seq) this.acked = seq
  }

  /**
   * The receiver forgets what it has (a new page, a gap it saw, a cleared model): the next delta resets it and
   * carries every topic. Unconfirmed deltas no longer count, so a stream stalled on a lost receiver moves again.
   */
  requestReset(): void {
    this.resetRequested = true
    this.acked = this.seq
  }

  /** Applies a requested reset; called on the coalescer's tick, after the model's changes were handed out. */
  prepare(): void {
    if (!this.resetRequested) return
    this.resetRequested = false
    this.resetPending = true
    this.removed.clear()
    this.items = []
    this.head = 0
    this.waiting = 0
    this.queued.fill(0)
    this.announced.fill(0)
    for (const entry of this.model.topics.values()) this.enqueue(entry)
  }

  /** A topic changed. */
  enqueue(entry: TopicEntry): void {
    const id = entry.id
    if (id >= this.queued.length) this.grow(id)
    if (this.queued[id]) return
    this.queued[id] = 1
    this.items.push(entry)
    this.waiting++
  }

  /** A topic was removed: it is told as removed, and its id may be named again for another topic. */
  forget(entry: TopicEntry): void {
    const id = entry.id
    if (id < this.queued.length) {
      if (this.queued[id]) {
        this.queued[id] = 0
        this.waiting--
      }
      this.announced[id] = 0
    }
    this.removed.add(entry.topic)
  }

  /** The next delta, taking waiting topics within the bounds of one delta. */
  build(settings: ModelSettings, stats: ConnectionStats): ModelDelta {
    const batch = this.batch
    const log = this.model.log
    let bytes = 0
    let previewBytes = 0
    for (let entry = this.peek(); entry && batch.length < settings.maxTopicsPerDelta; entry = this.peek()) {
      const length = previewLength(log, entry.newest, settings.previewBytes)
      // Topic names count too: a topic may be up to 64 KiB long.
      if (batch.length > 0 && bytes + length + entry.topic.length > settings.maxPreviewBytesPerDelta) break
      this.take(entry)
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
      if (!this.announced[entry.id]) {
        this.announced[entry.id] = 1
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
      reset: this.resetPending,
      removed: [...this.removed],
      names,
      nameIds,
      numbers,
      previews,
      properties,
      stats: { ...stats, pendingTopics: this.waiting, skippedFrames: this.skippedFrames }
    }
    const series = this.watches.size > 0 ? this.watches.collect() : undefined
    if (series) delta.series = series
    this.resetPending = false
    this.statsChanged = false
    this.removed.clear()
    return delta
  }

  /** The oldest waiting topic, left in place. */
  private peek(): TopicEntry | undefined {
    const items = this.items
    const entries = this.model.topics.entries
    while (this.head < items.length) {
      const entry = items[this.head] as TopicEntry
      // Skipped: taken or removed since it was queued, or an older topic whose id another one took over.
      if (this.queued[entry.id] && entries[entry.id] === entry) return entry
      this.head++
    }
    this.items = []
    this.head = 0
    return undefined
  }

  private take(entry: TopicEntry): void {
    this.queued[entry.id] = 0
    this.waiting--
    this.head++
    // Drop the consumed front now and then, so the array stays about as long as what waits.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
  }

  private grow(id: number): void {
    let length = this.queued.length
    while (length <= id) length *= 2
    const queued = new Uint8Array(length)
    queued.set(this.queued)
    this.queued = queued
    const announced = new Uint8Array(length)
    announced.set(this.announced)
    this.announced = announced
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
