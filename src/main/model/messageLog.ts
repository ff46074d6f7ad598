import { DeltaFlag, type MessageProperties } from '../../shared/contract'
import { copyBytes } from './bytes'
import { CircularArena } from './circularArena'

/** A topic's doubly linked chain of history records in the log, kept on its topic entry. */
export interface HistoryChain {
  /** Index of the topic in the model's entry table; stored with each of its records. */
  readonly id: number
  /** Log sequence number of the newest / oldest history record, NONE when the chain is empty. */
  newestHistory: number
  oldestHistory: number
  historyCount: number
}

/** A history record read back from the log. */
export interface LoggedMessage {
  topicSeq: number
  receivedAt: number
  size: number
  /** DeltaFlag bits: qos, retain, dup, large, payloadEvicted. */
  flags: number
  properties: MessageProperties | undefined
}

export const NONE = -1
/** Bytes of columns one record slot takes; counted with its payload against the budget. */
export const RECORD_COST = 8 * 5 + 4 + 4 + 2
/** Payloads above this size keep their own buffer instead of a place in the arena. */
export const ARENA_PAYLOAD_LIMIT = 16 * 1024
const DEAD = 1 << 8
const EXTERNAL = 1 << 9
const INITIAL_SLOTS = 1 << 12
const INITIAL_ARENA = 1 << 18

/**
 * Superseded messages of every topic of a connection, in one circular log: columns of numbers for the
 * records and one circular byte arena for small payloads, so storing a message allocates nothing.
 * Records evicted by a topic's limit leave holes that the tail reclaims; while at most half of the log
 * is live, the tail is compacted (live records move to the head) instead of growing the log.
 */
export class HistoryLog {
  /** Payload bytes plus RECORD_COST of every live record: what the budget counts. */
  liveBytes = 0
  liveRecords = 0
  /** Records dropped to keep a topic's limit or the budget. */
  evicted = 0
  private slots = INITIAL_SLOTS
  private mask = INITIAL_SLOTS - 1
  private receivedAt = new Float64Array(INITIAL_SLOTS)
  private topicSeq = new Float64Array(INITIAL_SLOTS)
  private position = new Float64Array(INITIAL_SLOTS)
  private older = new Float64Array(INITIAL_SLOTS)
  private newer = new Float64Array(INITIAL_SLOTS)
  private size = new Uint32Array(INITIAL_SLOTS)
  private owner = new Int32Array(INITIAL_SLOTS)
  private flags = new Uint16Array(INITIAL_SLOTS)
  private readonly external = new Map<number, Uint8Array>()
  private readonly properties = new Map<number, MessageProperties>()
  private readonly arena = new CircularArena(INITIAL_ARENA)
  private readonly scratch = Buffer.allocUnsafeSlow(ARENA_PAYLOAD_LIMIT)
  private head = 0
  private tail = 0

  constructor(
    private readonly chains: ArrayLike<HistoryChain | undefined>,
    private readonly budget: () => number
  ) {}

  /** Bytes the log has allocated (columns and arena), whether live or not yet reclaimed. */
  get allocatedBytes(): number {
    return this.slots * RECORD_COST + this.arena.capacity
  }

  /**
   * Appends a superseded message as the newest history of `chain`. `payload` holds `stored` valid bytes
   * (0 when the payload was evicted); a payload above ARENA_PAYLOAD_LIMIT is kept as given, not copied.
   */
  append(chain: HistoryChain, topicSeq: number, receivedAt: number, size: number, flags: number, payload: Uint8Array | undefined, properties: MessageProperties | undefined): void {
    const inArena = payload !== undefined && size > 0 && size <= ARENA_PAYLOAD_LIMIT
    this.makeRoom(inArena ? size : 0)
    const seq = this.head++
    const slot = seq & this.mask
    this.receivedAt[slot] = receivedAt
    this.topicSeq[slot] = topicSeq
    this.size[slot] = size
    this.owner[slot] = chain.id
    this.position[slot] = this.arena.head
    let recordFlags = flags
    if (inArena) this.arena.write(payload, size)
    else if (payload !== undefined && size > 0) {
      this.external.set(seq, payload.subarray(0, size))
      recordFlags |= EXTERNAL
    }
    this.flags[slot] = recordFlags
    if (properties) this.properties.set(seq, properties)
    this.older[slot] = chain.newestHistory
    this.newer[slot] = NONE
    if (chain.newestHistory !== NONE) this.newer[chain.newestHistory & this.mask] = seq
    else chain.oldestHistory = seq
    chain.newestHistory = seq
    chain.historyCount++
    this.liveRecords++
    this.liveBytes += this.storedBytesOf(slot) + RECORD_COST
  }

  /** Drops the oldest history record of a chain (its topic's limit or the budget asked for it). */
  evictOldestOf(chain: HistoryChain): void {
    const seq = chain.oldestHistory
    if (seq === NONE) return
    this.kill(chain, seq)
    this.evicted++
  }

  /** Drops every history record of a chain (its topic was removed); these do not count as evicted. */
  dropChain(chain: HistoryChain): void {
    while (chain.oldestHistory !== NONE) this.kill(chain, chain.oldestHistory)
  }

  /** Evicts the oldest history of the topic owning the oldest live record; false when the log is empty. */
  evictOldest(): boolean {
    this.skipDeadTail()
    if (this.tail === this.head) return false
    const chain = this.chains[this.owner[this.tail & this.mask] as number]
    if (!chain) throw new Error('A history record has no topic.')
    this.evictOldestOf(chain)
    return true
  }

  /** The record `seq`, or undefined when it is no longer live. */
  read(seq: number): LoggedMessage | undefined {
    if (seq < this.tail || seq >= this.head) return undefined
    const slot = seq & this.mask
    const flags = this.flags[slot] as number
    if (flags & DEAD) return undefined
    return {
      topicSeq: this.topicSeq[slot] as number,
      receivedAt: this.receivedAt[slot] as number,
      size: this.size[slot] as number,
      flags: flags & 0xff,
      properties: this.properties.get(seq)
    }
  }

  /** A copy of at most `limit` payload bytes of record `seq` (empty when evicted). */
  payload(seq: number, limit: number): Uint8Array {
    const slot = seq & this.mask
    const flags = this.flags[slot] as number
    const length = Math.min(limit, this.size[slot] as number)
    if (flags & DeltaFlag.payloadEvicted) return new Uint8Array(0)
    if (flags & EXTERNAL) return copyBytes(this.external.get(seq) as Uint8Array, length)
    const copy = new Uint8Array(length)
    this.arena.read(this.position[slot] as number, length, copy)
    return copy
  }

  /** Sequence number of the next older record of the same topic, NONE at the oldest. */
  olderThan(seq: number): number {
    return this.older[seq & this.mask] as number
  }

  private storedBytesOf(slot: number): number {
    return this.flags[slot]! & DeltaFlag.payloadEvicted ? 0 : (this.size[slot] as number)
  }

  private arenaBytesOf(slot: number): number {
    return this.flags[slot]! & (EXTERNAL | DeltaFlag.payloadEvicted) ? 0 : (this.size[slot] as number)
  }

  private kill(chain: HistoryChain, seq: number): void {
    const slot = seq & this.mask
    const older = this.older[slot] as number
    const newer = this.newer[slot] as number
    if (older !== NONE) this.newer[older & this.mask] = newer
    else chain.oldestHistory = newer
    if (newer !== NONE) this.older[newer & this.mask] = older
    else chain.newestHistory = older
    chain.historyCount--
    this.flags[slot]! |= DEAD
    this.arena.release(this.arenaBytesOf(slot))
    this.liveRecords--
    this.liveBytes -= this.storedBytesOf(slot) + RECORD_COST
    this.external.delete(seq)
    this.properties.delete(seq)
  }

  /** Frees slots and arena bytes until one more record of `bytes` payload fits. */
  private makeRoom(bytes: number): void {
    while (this.head - this.tail >= this.slots || !this.arena.fits(bytes)) {
      this.skipDeadTail()
      if (this.head - this.tail < this.slots && this.arena.fits(bytes)) return
      const slotsFull = this.head - this.tail >= this.slots
      if (slotsFull ? this.liveRecords > this.slots / 2 : this.arena.live + bytes > this.arena.capacity / 2) {
        if (slotsFull ? this.growSlots() : this.arena.grow(this.budget() - this.slots * RECORD_COST)) continue
        this.evictOldest()
      } else {
        this.relocateTail()
      }
    }
  }

  private skipDeadTail(): void {
    while (this.tail < this.head && this.flags[this.tail & this.mask]! & DEAD) this.advanceTail()
    if (this.tail === this.head) this.arena.empty()
  }

  private advanceTail(): void {
    this.tail++
    this.arena.trimTo(this.tail < this.head ? (this.position[this.tail & this.mask] as number) : this.arena.head)
  }

  /** Moves the live tail record to the head, so the holes behind it can be reclaimed. */
  private relocateTail(): void {
    const seq = this.tail
    const slot = seq & this.mask
    const length = this.arenaBytesOf(slot)
    const chain = this.chains[this.owner[slot] as number] as HistoryChain
    this.arena.read(this.position[slot] as number, length, this.scratch)
    const receivedAt = this.receivedAt[slot] as number
    const topicSeq = this.topicSeq[slot] as number
    const size = this.size[slot] as number
    const owner = this.owner[slot] as number
    const flags = this.flags[slot] as number
    const older = this.older[slot] as number
    const newer = this.newer[slot] as number
    // When every slot is taken the head's slot is this very slot: read everything before writing.
    this.flags[slot] = flags | DEAD
    this.arena.release(length)
    this.advanceTail()
    const moved = this.head++
    const to = moved & this.mask
    this.receivedAt[to] = receivedAt
    this.topicSeq[to] = topicSeq
    this.size[to] = size
    this.owner[to] = owner
    this.flags[to] = flags
    this.older[to] = older
    this.newer[to] = newer
    this.position[to] = this.arena.head
    this.arena.write(this.scratch, length)
    if (older !== NONE) this.newer[older & this.mask] = moved
    else chain.oldestHistory = moved
    if (newer !== NONE) this.older[newer & this.mask] = moved
    else chain.newestHistory = moved
    this.rekey(this.external, seq, moved)
    this.rekey(this.properties, seq, moved)
  }

  private rekey<V>(map: Map<number, V>, from: number, to: number): void {
    const value = map.get(from)
    if (value === undefined) return
    map.delete(from)
    map.set(to, value)
  }

  private growSlots(): boolean {
    const slots = this.slots * 2
    if (slots * RECORD_COST + this.arena.capacity > this.budget()) return false
    const mask = slots - 1
    const remap = <T extends Float64Array | Uint32Array | Int32Array | Uint16Array>(old: T, fresh: T): T => {
      // Copy [tail, head) run by run: a run ends where either array wraps.
      for (let seq = this.tail; seq < this.head; ) {
        const from = seq & this.mask
        const to = seq & mask
        const length = Math.min(this.head - seq, this.slots - from, slots - to)
        fresh.set(old.subarray(from, from + length), to)
        seq += length
      }
      return fresh
    }
    this.receivedAt = remap(this.receivedAt, new Float64Array(slots))
    this.topicSeq = remap(this.topicSeq, new Float64Array(slots))
    this.position = remap(this.position, new Float64Array(slots))
    this.older = remap(this.older, new Float64Array(slots))
    this.newer = remap(this.newer, new Float64Array(slots))
    this.size = remap(this.size, new Uint32Array(slots))
    this.owner = remap(this.owner, new Int32Array(slots))
    this.flags = remap(this.flags, new Uint16Array(slots))
    this.slots = slots
    this.mask = mask
    return true
  }
}
