import { DeltaFlag, type ModelSettings, type ReceivedMessage } from '../../shared/contract'
import { DirtyQueue } from './dirtyQueue'
import { MessageLog, RECORD_COST } from './messageLog'
import { TopicEntry } from './topicEntry'
import { TopicPredictor } from './topicPredictor'
import { TopicTable } from './topicTable'
import { TopicTree } from './topicTree'

/** Estimated bytes one topic costs besides its payload (entry, tree node, its table slots), counted in the budget. */
export const TOPIC_COST = 352
/** How long an echo of our own clear is swallowed instead of creating the topic again. */
const TOMBSTONE_MS = 30_000

/**
 * Everything one connection received: a flat table of topics (the hot path is one lookup by hash), a tree
 * index over it, and history in a budgeted log. Changed topics are remembered for the coalescer as a queue
 * with one entry per topic, so what waits for the next frame is O(changed topics), never O(messages).
 */
export class ConnectionModel {
  /** Every topic, looked up by a hash of its name (see TopicTable). */
  readonly topics = new TopicTable()
  private readonly index = new TopicTree<TopicEntry>()
  /** Finds the topic of each received message, guessing from the order topics came in before. */
  private readonly predictor = new TopicPredictor(this.topics)
  /** Topics created since the tree index was last brought up to date (the hot path never walks the tree). */
  private unindexed: TopicEntry[] = []
  /** Topics changed since the last delta, in the order they first changed. */
  readonly dirty = new DirtyQueue()
  /** Topics removed since the coalescer last handed changes out to its streams. */
  readonly removals: TopicEntry[] = []
  /** Called when the model changes after it had nothing waiting (the coalescer schedules a frame). */
  onFirstChange: (() => void) | undefined = undefined
  messageCount = 0
  byteCount = 0
  log: MessageLog
  private readonly freeIds: number[] = []
  /** Fixed costs of the topics themselves (entry, tree node, name). */
  private topicBytes = 0
  private readonly tombstones = new Map<string, number>()

  constructor(private readonly settings: () => ModelSettings) {
    this.log = this.newLog()
  }

  /** The tree index over the topics, brought up to date first: topics are added to it when a query needs it. */
  get tree(): TopicTree<TopicEntry> {
    this.catchUpIndex()
    return this.index
  }

  /** Bytes counted against the budget: payloads kept, plus fixed costs per topic and per record. */
  get storedBytes(): number {
    return this.topicBytes + this.log.liveBytes
  }

  /** Latest values whose payload the budget could not keep. */
  get evictedPayloads(): number {
    return this.log.evictedPayloads
  }

  /** Hot path: one received message. The payload is copied; the caller's buffer is not kept. */
  ingest(message: ReceivedMessage): void {
    const payload = message.payload
    const size = payload.length
    this.messageCount++
    this.byteCount += size
    let entry = this.predictor.lookup(message.topic)
    if (size === 0 && this.consumeEmpty(message, entry)) return
    if (entry === undefined) entry = this.create(message.topic)
    this.predictor.saw(entry)
    const settings = this.settings()
    let flags = message.qos | (message.retain ? DeltaFlag.retain : 0) | (message.dup ? DeltaFlag.dup : 0)
    if (size > settings.largePayloadBytes) flags |= DeltaFlag.large
    if (size + TOPIC_COST > settings.budgetBytes) {
      // Larger than the whole budget: keep the record, say the payload could not be kept.
      flags |= DeltaFlag.payloadEvicted
      this.log.evictedPayloads++
    }
    entry.count++
    entry.bytes += size
    if (message.retain) entry.retained = true
    this.log.append(entry, entry.count, message.receivedAt, flags, payload, message.properties)
    if (entry.kept > settings.historyLimit) this.log.evictOldestOf(entry)
    if (this.storedBytes > settings.budgetBytes) this.enforceBudget(settings.budgetBytes, entry)
    if (!entry.dirty) {
      if (this.dirty.size === 0) this.onFirstChange?.()
      this.dirty.add(entry)
    }
  }

  /** Removes a topic with its history (its retained value was cleared); false when unknown. */
  removeTopic(topic: string): boolean {
    const entry = this.topics.get(topic)
    if (!entry) return false
    this.log.dropChain(entry)
    this.topicBytes -= TOPIC_COST + 2 * topic.length
    if (entry.node) this.index.remove(entry.node)
    this.topics.delete(entry)
    this.freeIds.push(entry.id)
    this.dirty.drop(entry)
    this.removals.push(entry)
    this.onFirstChange?.()
    return true
  }

  /** Removes a topic whose retained value we cleared, and swallows the empty echo the broker may send. */
  forgetCleared(topic: string, now: number): void {
    this.removeTopic(topic)
    this.tombstones.set(topic, now + TOMBSTONE_MS)
  }

  /** Forgets every topic (the caller resets the delta streams). Returns how many topics there were. */
  clear(): number {
    const count = this.topics.size
    this.topics.clear()
    this.predictor.reset()
    this.index.root.children = undefined
    this.index.root.topicCount = 0
    this.unindexed = []
    this.freeIds.length = 0
    this.topicBytes = 0
    this.log = this.newLog()
    this.dirty.clear()
    this.removals.length = 0
    this.tombstones.clear()
    this.messageCount = 0
    this.byteCount = 0
    return count
  }

  /** Drops expired tombstones (called from the coalescer's timer, off the hot path). */
  sweepTombstones(now: number): void {
    for (const [topic, expiry] of this.tombstones) if (expiry <= now) this.tombstones.delete(topic)
  }

  private catchUpIndex(): void {
    for (const entry of this.unindexed) {
      // Skip topics removed (or removed and created again as a new entry) before the tree saw them.
      if (this.topics.get(entry.topic) !== entry) continue
      const node = this.index.insert(entry.topic)
      node.entry = entry
      entry.node = node
    }
    this.unindexed = []
  }

  private newLog(): MessageLog {
    return new MessageLog(this.topics.entries, () => this.settings().budgetBytes)
  }

  /**
   * Oldest history first, then the oldest latest values' payloads, until the budget holds; never when
   * the topics' own records alone exceed it (dropping payloads could not help then).
   */
  private enforceBudget(budgetBytes: number, written?: TopicEntry): void {
    const log = this.log
    while (this.storedBytes > budgetBytes) {
      const onlyLatest = log.liveRecords === log.liveChains
      if (onlyLatest && this.topicBytes + log.liveRecords * RECORD_COST + log.propertyBytes >= budgetBytes) return
      if (!log.evictOldest(written)) return
    }
  }

  /** An empty message: a clear of a retained value removes the topic; true when it was consumed. */
  private consumeEmpty(message: ReceivedMessage, entry: TopicEntry | undefined): boolean {
    if (this.tombstones.size > 0 && this.tombstones.delete(message.topic) && entry === undefined) return true
    if (!message.retain && !entry?.retained) return false
    if (entry) this.removeTopic(entry.topic)
    return true
  }

  private create(topic: string): TopicEntry {
    const id = this.freeIds.pop() ?? this.topics.entries.length
    const entry = new TopicEntry(id, topic)
    this.unindexed.push(entry)
    // Topics that come and go without any query in between must not pile up here.
    if (this.unindexed.length > 2 * this.topics.size + 1024) this.catchUpIndex()
    this.topics.add(entry)
    this.topicBytes += TOPIC_COST + 2 * topic.length
    return entry
  }
}
