import { DeltaFlag, type MessageProperties } from '../../shared/contract'
import { copyBytes } from './bytes'
import { CircularArena, GROWTH_FACTORS } from './circularArena'
import { RecordColumns } from './recordColumns'
import { keptProperties, propertiesCost } from './storedProperties'

/** A topic's doubly linked chain of records in the log (its latest message is the newest), kept on its entry. */
export interface MessageChain {
  /** Index of the topic in the model's entry table; stored with each of its records. */
  readonly id: number
  /** Log sequence number of the newest (the latest message) / oldest record, NONE when the chain is empty. */
  newest: number
  oldest: number
  /** Records kept, the latest included. */
  kept: number
}

/** Where a payload can be read in place: bytes [start, end) of `bytes` (see MessageLog.payloadSpan). */
export interface PayloadSpan {
  bytes: Uint8Array
  start: number
  end: number
}

/** A record read back from the log. */
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
/** Latest values one budget eviction may step over before it takes from the topic just written. */
const RELOCATION_LIMIT = 64
const INITIAL_SLOTS = 1 << 12
const INITIAL_ARENA = 1 << 18
/** Slots grow 4× while they would take at most 1/SMALL_SLOTS_SHARE of the budget, 2× beyond. */
const SMALL_SLOTS_SHARE = 16

/**
 * Every kept message of a connection, latest values included, in one circular log: columns of numbers
 * for the records and one circular byte arena for small payloads, so storing a message copies its bytes
 * once and allocates nothing. Records evicted by a topic's limit leave holes that the tail reclaims;
 * while at most half of the log is live, the tail is compacted (live records move to the head) instead of
 * growing the log.
 */
export class MessageLog {
  /** Payload bytes, MQTT 5 properties (see propertiesCost) and RECORD_COST of every live record: what the budget counts. */
  liveBytes = 0
  /** The part of liveBytes that is properties: kept as long as their record, even when its payload goes. */
  propertyBytes = 0
  liveRecords = 0
  /** Topics with at least one record: every record beyond one per topic is history. */
  liveChains = 0
  /** History records dropped to keep a topic's limit or the budget. */
  evicted = 0
  /** Latest values whose payload the budget forced out (the record stays, marked). */
  evictedPayloads = 0
  private readonly records = new RecordColumns(INITIAL_SLOTS)
  private readonly external = new Map<number, Uint8Array>()
  private readonly properties = new Map<number, MessageProperties>()
  private readonly arena = new CircularArena(INITIAL_ARENA)
  private readonly scratch = Buffer.allocUnsafeSlow(ARENA_PAYLOAD_LIMIT)
  private head = 0
  private tail = 0

  constructor(
    private readonly chains: ArrayLike<MessageChain | undefined>,
    private readonly budget: () => number
  ) {}

  /**
   * Appends a message as the newest of `chain`, copying its payload (not kept when `flags` has
   * payloadEvicted) and any correlation data. The caller's buffers are not kept.
   */
  append(chain: MessageChain, topicSeq: number, receivedAt: number, flags: number, payload: Uint8Array, properties: MessageProperties | undefined): void {
    const size = payload.length
    const stored = size > 0 && (flags & DeltaFlag.payloadEvicted) === 0
    const inArena = stored && size <= ARENA_PAYLOAD_LIMIT
    this.makeRoom(inArena ? size : 0)
    const seq = this.head++
    const records = this.records
    const slot = records.claim(seq)
    records.receivedAt[slot] = receivedAt
    records.topicSeq[slot] = topicSeq
    records.size[slot] = size
    records.owner[slot] = chain.id
    records.position[slot] = this.arena.head
    let recordFlags = flags
    if (inArena) this.arena.write(payload, size)
    else if (stored) {
      this.external.set(seq, copyBytes(payload, size))
      recordFlags |= EXTERNAL
    }
    records.flags[slot] = recordFlags
    if (properties) {
      const kept = keptProperties(properties)
      this.properties.set(seq, kept)
      const cost = propertiesCost(kept)
      this.propertyBytes += cost
      this.liveBytes += cost
    }
    records.older[slot] = chain.newest
    records.newer[slot] = NONE
    if (chain.newest !== NONE) records.newer[records.slotOf(chain.newest)] = seq
    else chain.oldest = seq
    chain.newest = seq
    if (chain.kept++ === 0) this.liveChains++
    this.liveRecords++
    this.liveBytes += this.storedBytesOf(slot) + RECORD_COST
  }

  /** Drops the oldest record of a chain, never its latest (its topic's limit or the budget asked for it). */
  evictOldestOf(chain: MessageChain): void {
    const seq = chain.oldest
    if (seq === NONE || seq === chain.newest) return
    this.kill(chain, seq)
    this.evicted++
  }

  /** Drops every record of a chain (its topic was removed); these do not count as evicted. */
  dropChain(chain: MessageChain): void {
    while (chain.oldest !== NONE) this.kill(chain, chain.oldest)
  }

  /**
   * Frees memory for the budget: the oldest history of the topic owning the oldest live record. Latest
   * values met on the way move to the head; when only latest values are left, the oldest one's payload
   * goes (its record says so). After a bounded number of moves, `fallback` (the topic just written) gives
   * up its oldest history or its payload instead, so one call never walks the whole log. False when
   * nothing is left to free.
   */
  evictOldest(fallback?: MessageChain): boolean {
    for (let moved = 0; ; moved++) {
      this.skipDeadTail()
      if (this.tail === this.head) return false
      const seq = this.tail
      const chain = this.chains[this.records.owner[this.records.slotOf(seq)] as number]
      if (!chain) throw new Error('A logged message has no topic.')
      if (chain.oldest !== chain.newest) {
        this.evictOldestOf(chain)
        return true
      }
      const historyLeft = this.liveRecords > this.liveChains
      if (!historyLeft && this.dropPayload(seq)) return true
      if (!historyLeft && this.liveBytes - this.propertyBytes <= this.liveRecords * RECORD_COST) return false
      if (moved >= RELOCATION_LIMIT && fallback && fallback.newest !== NONE) {
        if (fallback.oldest !== fallback.newest) this.evictOldestOf(fallback)
        else if (!this.dropPayload(fallback.newest)) return false
        return true
      }
      this.relocateTail()
    }
  }

  /** The record `seq`, or undefined when it is no longer live. */
  read(seq: number): LoggedMessage | undefined {
    if (seq < this.tail || seq >= this.head) return undefined
    const slot = this.records.slotOf(seq)
    const flags = this.records.flags[slot] as number
    if (flags & DEAD) return undefined
    return {
      topicSeq: this.records.topicSeq[slot] as number,
      receivedAt: this.records.receivedAt[slot] as number,
      size: this.records.size[slot] as number,
      flags: flags & 0xff,
      properties: this.properties.get(seq)
    }
  }

  /** A copy of at most `limit` payload bytes of record `seq` (empty when evicted). */
  payload(seq: number, limit: number): Uint8Array {
    const slot = this.records.slotOf(seq)
    const evicted = (this.records.flags[slot] as number) & DeltaFlag.payloadEvicted
    const copy = new Uint8Array(evicted ? 0 : Math.min(limit, this.records.size[slot] as number))
    this.copyPayload(seq, limit, copy, 0)
    return copy
  }

  /** Sequence number of the next older record of the same topic, NONE at the oldest. */
  olderThan(seq: number): number {
    return this.records.older[this.records.slotOf(seq)] as number
  }

  /** Payload size of record `seq` (the whole payload, even when it was evicted). */
  sizeOf(seq: number): number {
    return this.records.size[this.records.slotOf(seq)] as number
  }

  /** DeltaFlag bits of record `seq`. */
  flagsOf(seq: number): number {
    return (this.records.flags[this.records.slotOf(seq)] as number) & 0xff
  }

  /** Position of record `seq` on its topic (1 for the topic's first message). */
  topicSeqOf(seq: number): number {
    return this.records.topicSeq[this.records.slotOf(seq)] as number
  }

  receivedAtOf(seq: number): number {
    return this.records.receivedAt[this.records.slotOf(seq)] as number
  }

  propertiesOf(seq: number): MessageProperties | undefined {
    return this.properties.size === 0 ? undefined : this.properties.get(seq)
  }

  /** Copies at most `limit` payload bytes of record `seq` into `target` at `offset`; returns how many. */
  copyPayload(seq: number, limit: number, target: Uint8Array, offset: number): number {
    const slot = this.records.slotOf(seq)
    const flags = this.records.flags[slot] as number
    if (flags & DeltaFlag.payloadEvicted) return 0
    const length = Math.min(limit, this.records.size[slot] as number)
    if (flags & EXTERNAL) target.set((this.external.get(seq) as Uint8Array).subarray(0, length), offset)
    else this.arena.read(this.records.position[slot] as number, length, target, offset)
    return length
  }

  /**
   * Points `span` at record `seq`'s payload without copying it when it lies in one piece (in the arena or its
   * own buffer), else copies it into `scratch` (grown as needed, returned). Valid until the log changes.
   * An evicted payload is empty.
   */
  payloadSpan(seq: number, span: PayloadSpan, scratch: Uint8Array): Uint8Array {
    const slot = this.records.slotOf(seq)
    const flags = this.records.flags[slot] as number
    const size = flags & DeltaFlag.payloadEvicted ? 0 : (this.records.size[slot] as number)
    const offset = flags & EXTERNAL ? 0 : this.arena.offsetOf(this.records.position[slot] as number, size)
    if (offset >= 0) {
      span.bytes = flags & EXTERNAL ? (this.external.get(seq) as Uint8Array) : this.arena.bytes
      span.start = offset
      span.end = offset + size
      return scratch
    }
    const target = size > scratch.length ? new Uint8Array(size * 2) : scratch
    this.arena.read(this.records.position[slot] as number, size, target)
    span.bytes = target
    span.start = 0
    span.end = size
    return target
  }

  private dropPayload(seq: number): boolean {
    const slot = this.records.slotOf(seq)
    const flags = this.records.flags[slot] as number
    if (flags & DeltaFlag.payloadEvicted || this.records.size[slot] === 0) return false
    this.arena.release(this.arenaBytesOf(slot))
    this.liveBytes -= this.records.size[slot] as number
    this.external.delete(seq)
    this.records.flags[slot] = (flags & ~EXTERNAL) | DeltaFlag.payloadEvicted
    this.evictedPayloads++
    return true
  }

  private storedBytesOf(slot: number): number {
    return this.records.flags[slot]! & DeltaFlag.payloadEvicted ? 0 : (this.records.size[slot] as number)
  }

  private arenaBytesOf(slot: number): number {
    return this.records.flags[slot]! & (EXTERNAL | DeltaFlag.payloadEvicted) ? 0 : (this.records.size[slot] as number)
  }

  private kill(chain: MessageChain, seq: number): void {
    const records = this.records
    const slot = records.slotOf(seq)
    const older = records.older[slot] as number
    const newer = records.newer[slot] as number
    if (older !== NONE) records.newer[records.slotOf(older)] = newer
    else chain.oldest = newer
    if (newer !== NONE) records.older[records.slotOf(newer)] = older
    else chain.newest = older
    if (--chain.kept === 0) this.liveChains--
    records.flags[slot]! |= DEAD
    this.arena.release(this.arenaBytesOf(slot))
    this.liveRecords--
    this.liveBytes -= this.storedBytesOf(slot) + RECORD_COST
    if (this.external.size > 0) this.external.delete(seq)
    if (this.properties.size > 0) this.forgetProperties(seq)
  }

  private forgetProperties(seq: number): void {
    const properties = this.properties.get(seq)
    if (properties === undefined) return
    const cost = propertiesCost(properties)
    this.propertyBytes -= cost
    this.liveBytes -= cost
    this.properties.delete(seq)
  }

  /** Frees slots and arena bytes until one more record of `bytes` payload fits. */
  private makeRoom(bytes: number): void {
    while (this.head - this.tail >= this.records.slots || !this.arena.fits(bytes)) {
      this.skipDeadTail()
      if (this.head - this.tail < this.records.slots && this.arena.fits(bytes)) return
      const slotsFull = this.head - this.tail >= this.records.slots
      if (slotsFull ? this.liveRecords > this.records.slots / 2 : this.arena.live + bytes > this.arena.capacity / 2) {
        const budget = this.budget()
        if (slotsFull ? this.growSlots(budget) : this.arena.grow(budget - this.records.slots * RECORD_COST)) continue
        if (this.evictOldest()) continue
        // Only latest values are left, and they are never dropped: the topics alone outgrew the budget.
        if (slotsFull) this.growSlots(Number.POSITIVE_INFINITY)
        else this.arena.grow(Number.POSITIVE_INFINITY)
      } else {
        this.relocateTail()
      }
    }
  }

  private skipDeadTail(): void {
    while (this.tail < this.head && this.records.flags[this.records.slotOf(this.tail)]! & DEAD) this.advanceTail()
    if (this.tail === this.head) this.arena.empty()
  }

  private advanceTail(): void {
    this.tail++
    this.arena.trimTo(this.tail < this.head ? (this.records.position[this.records.slotOf(this.tail)] as number) : this.arena.head)
  }

  /** Moves the live tail record to the head, so the holes behind it can be reclaimed. */
  private relocateTail(): void {
    const seq = this.tail
    const slot = this.records.slotOf(seq)
    const length = this.arenaBytesOf(slot)
    const chain = this.chains[this.records.owner[slot] as number] as MessageChain
    this.arena.read(this.records.position[slot] as number, length, this.scratch)
    const receivedAt = this.records.receivedAt[slot] as number
    const topicSeq = this.records.topicSeq[slot] as number
    const size = this.records.size[slot] as number
    const owner = this.records.owner[slot] as number
    const flags = this.records.flags[slot] as number
    const older = this.records.older[slot] as number
    const newer = this.records.newer[slot] as number
    // When every slot is taken the head's slot is this very slot: read everything before writing.
    this.records.flags[slot] = flags | DEAD
    this.arena.release(length)
    this.advanceTail()
    const moved = this.head++
    const to = this.records.claim(moved)
    this.records.receivedAt[to] = receivedAt
    this.records.topicSeq[to] = topicSeq
    this.records.size[to] = size
    this.records.owner[to] = owner
    this.records.flags[to] = flags
    this.records.older[to] = older
    this.records.newer[to] = newer
    this.records.position[to] = this.arena.head
    this.arena.write(this.scratch, length)
    if (older !== NONE) this.records.newer[this.records.slotOf(older)] = moved
    else chain.oldest = moved
    if (newer !== NONE) this.records.older[this.records.slotOf(newer)] = moved
    else chain.newest = moved
    this.rekey(this.external, seq, moved)
    this.rekey(this.properties, seq, moved)
  }

  private rekey<V>(map: Map<number, V>, from: number, to: number): void {
    const value = map.get(from)
    if (value === undefined) return
    map.delete(from)
    map.set(to, value)
  }

  /**
   * Grows the slots within `limit` bytes of slots and arena together: 4× or 2× while that fits, and near the
   * budget by exactly the records that what is left can hold, split between slots and arena as the records use
   * them (the arena gives back capacity it took with its last step, see CircularArena.grow).
   */
  private growSlots(limit: number): boolean {
    const slots = this.records.slots
    // 4× only while the slots stay small beside the budget: near it, unused slots would be capacity the arena lacks.
    const factor = GROWTH_FACTORS.find((f) => {
      const bytes = slots * f * RECORD_COST
      return (f === 2 || bytes <= limit / SMALL_SLOTS_SHARE) && bytes + this.arena.capacity <= limit
    })
    if (factor !== undefined) {
      this.records.grow(this.tail, this.head, slots * factor)
      return true
    }
    const arenaPerRecord = this.arena.spanned / Math.max(1, this.head - this.tail)
    const more = Math.floor((limit - slots * RECORD_COST - this.arena.spanned) / (RECORD_COST + arenaPerRecord))
    // Growing copies every column: not worth it for a sliver.
    if (more < slots / 64) return false
    const arenaCapacity = Math.floor(limit - (slots + more) * RECORD_COST)
    if (arenaCapacity !== this.arena.capacity && !this.arena.resize(arenaCapacity)) return false
    this.records.grow(this.tail, this.head, slots + more)
    return true
  }
}
