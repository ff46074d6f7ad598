import { DeltaFlag, type ModelSettings, type ReceivedMessage } from '../../shared/contract'
import { ARENA_PAYLOAD_LIMIT, HistoryLog } from './historyLog'
import { TopicEntry } from './topicEntry'
import { TopicTree } from './topicTree'

/** Estimated bytes one topic costs besides its payload (entry, tree node, table slot), counted in the budget. */
export const TOPIC_COST = 320
/** How long an echo of our own clear is swallowed instead of creating the topic again. */
const TOMBSTONE_MS = 30_000

/**
 * Everything one connection received: a flat table of topics (the hot path is one Map lookup), a tree
 * index over it, and history in a budgeted log. Changed topics are remembered for the coalescer as a set,
 * so what waits for the next delta is O(changed topics), never O(messages).
 */
export class ConnectionModel {
  readonly topics = new Map<string, TopicEntry>()
  private readonly index = new TopicTree()
  /** Topics created since the tree index was last brought up to date (the hot path never walks the tree). */
  private unindexed: TopicEntry[] = []
  /** Topics changed since the last delta, in the order they first changed. */
  readonly dirty = new Set<TopicEntry>()
  /** Topics removed since the last delta. */
  readonly removed = new Set<string>()
  /** The next delta must tell the renderer to forget what it has (model cleared or resync asked). */
  resetPending = false
  messageCount = 0
  byteCount = 0
  evictedPayloads = 0
  log: HistoryLog
  private entries: Array<TopicEntry | undefined> = []
  private readonly freeIds: number[] = []
  private latestBytes = 0
  private readonly tombstones = new Map<string, number>()

  constructor(private readonly settings: () => ModelSettings) {
    this.log = this.newLog()
  }

  /** The tree index over the topics, brought up to date first: topics are added to it when a query needs it. */
  get tree(): TopicTree {
    this.catchUpIndex()
    return this.index
  }

  /** Bytes counted against the budget: payloads kept, plus fixed costs per topic and per history record. */
  get storedBytes(): number {
    return this.latestBytes + this.log.liveBytes
  }

  /** Hot path: one received message. The payload is copied; the caller's buffer is not kept. */
  ingest(message: ReceivedMessage): void {
    const payload = message.payload
    const size = payload.length
    this.messageCount++
    this.byteCount += size
    let entry = this.topics.get(message.topic)
    if (size === 0 && this.consumeEmpty(message, entry)) return
    if (entry === undefined) entry = this.create(message.topic)
    const settings = this.settings()
    if (entry.count > 0 && settings.historyLimit > 1) this.supersede(entry, settings.historyLimit)
    let flags = message.qos | (message.retain ? DeltaFlag.retain : 0) | (message.dup ? DeltaFlag.dup : 0)
    if (size > settings.largePayloadBytes) flags |= DeltaFlag.large
    entry.count++
    entry.latestAt = message.receivedAt
    entry.latestSize = size
    entry.latestProperties = message.properties
    if (message.retain) entry.retained = true
    if (!this.storeLatest(entry, payload, settings.budgetBytes)) {
      flags |= DeltaFlag.payloadEvicted
      this.evictedPayloads++
    }
    entry.latestFlags = flags
    if (!entry.dirty) {
      entry.dirty = true
      this.dirty.add(entry)
    }
  }

  /** Removes a topic with its history (its retained value was cleared); false when unknown. */
  removeTopic(topic: string): boolean {
    const entry = this.topics.get(topic)
    if (!entry) return false
    this.log.dropChain(entry)
    this.latestBytes -= (entry.latest?.length ?? 0) + TOPIC_COST + 2 * topic.length
    if (entry.node) this.index.remove(entry.node)
    this.topics.delete(topic)
    this.entries[entry.id] = undefined
    this.freeIds.push(entry.id)
    if (entry.dirty) this.dirty.delete(entry)
    this.removed.add(topic)
    return true
  }

  /** Removes a topic whose retained value we cleared, and swallows the empty echo the broker may send. */
  forgetCleared(topic: string, now: number): void {
    this.removeTopic(topic)
    this.tombstones.set(topic, now + TOMBSTONE_MS)
  }

  /** Forgets every topic; the next delta resets the renderer. Returns how many topics there were. */
  clear(): number {
    const count = this.topics.size
    this.topics.clear()
    this.index.root.children = undefined
    this.index.root.topicCount = 0
    this.unindexed = []
    this.entries = []
    this.freeIds.length = 0
    this.latestBytes = 0
    this.log = this.newLog()
    this.dirty.clear()
    this.removed.clear()
    this.tombstones.clear()
    this.messageCount = 0
    this.byteCount = 0
    this.evictedPayloads = 0
    this.resetPending = true
    return count
  }

  /** Marks every topic changed and asks for a reset, so the renderer receives the whole model again. */
  resync(): void {
    this.resetPending = true
    this.removed.clear()
    for (const entry of this.topics.values()) {
      if (!entry.dirty) {
        entry.dirty = true
        this.dirty.add(entry)
      }
    }
  }

  /** Applies a smaller history limit or budget to what is already stored. */
  enforceLimits(): void {
    const { historyLimit, budgetBytes } = this.settings()
    for (const entry of this.topics.values()) {
      while (entry.historyCount > historyLimit - 1) this.log.evictOldestOf(entry)
    }
    while (this.storedBytes > budgetBytes && this.log.evictOldest()) {
      // evictOldest drops one history record per call.
    }
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

  private newLog(): HistoryLog {
    return new HistoryLog(this.entries, () => this.settings().budgetBytes)
  }

  /** An empty message: a clear of a retained value removes the topic; true when it was consumed. */
  private consumeEmpty(message: ReceivedMessage, entry: TopicEntry | undefined): boolean {
    if (this.tombstones.size > 0 && this.tombstones.delete(message.topic) && entry === undefined) return true
    if (!message.retain && !entry?.retained) return false
    if (entry) this.removeTopic(entry.topic)
    return true
  }

  private create(topic: string): TopicEntry {
    const id = this.freeIds.pop() ?? this.entries.length
    const entry = new TopicEntry(id, topic)
    this.unindexed.push(entry)
    // Topics that come and go without any query in between must not pile up here.
    if (this.unindexed.length > 2 * this.topics.size + 1024) this.catchUpIndex()
    this.entries[id] = entry
    this.topics.set(topic, entry)
    this.latestBytes += TOPIC_COST + 2 * topic.length
    return entry
  }

  /** Moves the current latest message into the history log, keeping the topic's limit. */
  private supersede(entry: TopicEntry, historyLimit: number): void {
    const evicted = (entry.latestFlags & DeltaFlag.payloadEvicted) !== 0
    const payload = evicted ? undefined : entry.latest
    if (payload && entry.latestSize > ARENA_PAYLOAD_LIMIT) {
      // Large payloads are handed over to the log instead of copied.
      entry.latest = undefined
      this.latestBytes -= payload.length
    }
    this.log.append(entry, entry.count, entry.latestAt, entry.latestSize, entry.latestFlags, payload, entry.latestProperties)
    if (entry.historyCount > historyLimit - 1) this.log.evictOldestOf(entry)
  }

  /** Copies the payload into the topic's buffer within the budget; false when the budget forced it out. */
  private storeLatest(entry: TopicEntry, payload: Uint8Array, budget: number): boolean {
    const size = payload.length
    const capacity = entry.latest?.length ?? 0
    if (size > capacity || capacity > 2 * size + 64) {
      this.latestBytes -= capacity
      entry.latest = undefined
      if (size + TOPIC_COST > budget) return false
      // Headroom, so a payload a few bytes longer than the last one does not allocate again.
      entry.latest = size > ARENA_PAYLOAD_LIMIT ? Buffer.allocUnsafeSlow(size) : Buffer.allocUnsafe(Math.max(32, (size + (size >> 2) + 15) & ~15))
      this.latestBytes += entry.latest.length
    }
    while (this.storedBytes > budget && this.log.evictOldest()) {
      // History goes first; the latest values stay.
    }
    if (this.storedBytes > budget && entry.latest) {
      this.latestBytes -= entry.latest.length
      entry.latest = undefined
      return false
    }
    if (size > 0) (entry.latest as Buffer).set(payload, 0)
    return true
  }
}
