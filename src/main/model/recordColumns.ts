type Column = Float64Array | Uint32Array | Int32Array | Uint16Array

/**
 * The message log's records as columns of numbers, one slot per record, so a record costs no object and the
 * garbage collector never walks them. Slots are used in laps: record `seq` lives in slot `seq - base`, or
 * `seq - base + slots` when it was written in the lap before. Any number of slots works (no power of two), so
 * the log can take exactly the share of the budget its records need; a subtraction and a compare cost no more
 * than a mask.
 */
export class RecordColumns {
  receivedAt: Float64Array
  /** Position of the message on its topic (1 for the first). */
  topicSeq: Float64Array
  /** Arena position of the payload. */
  position: Float64Array
  /** Sequence numbers of the older and newer record of the same topic. */
  older: Float64Array
  newer: Float64Array
  size: Uint32Array
  /** Index of the topic in the model's entry table. */
  owner: Int32Array
  /** DeltaFlag bits plus the log's own (dead, external). */
  flags: Uint16Array
  /** Sequence number kept in slot 0 in the current lap. */
  private base = 0

  constructor(public slots: number) {
    this.receivedAt = new Float64Array(slots)
    this.topicSeq = new Float64Array(slots)
    this.position = new Float64Array(slots)
    this.older = new Float64Array(slots)
    this.newer = new Float64Array(slots)
    this.size = new Uint32Array(slots)
    this.owner = new Int32Array(slots)
    this.flags = new Uint16Array(slots)
  }

  /** The slot of live record `seq` (at most `slots` behind the newest). */
  slotOf(seq: number): number {
    const slot = seq - this.base
    return slot < 0 ? slot + this.slots : slot
  }

  /** The slot of the new newest record `seq` (one past the last claimed); starts a new lap when this one is full. */
  claim(seq: number): number {
    if (seq - this.base >= this.slots) this.base += this.slots
    return seq - this.base
  }

  /** Changes the number of slots to `slots` (more than the records `tail` … `head - 1`), keeping them reachable under their sequence numbers. */
  grow(tail: number, head: number, slots: number): void {
    const remap = <T extends Column>(old: T, fresh: T): T => {
      // The new lap starts at `tail`; copy run by run: a run ends where the old lap wraps.
      for (let seq = tail; seq < head; ) {
        const from = this.slotOf(seq)
        const length = Math.min(head - seq, this.slots - from)
        fresh.set(old.subarray(from, from + length), seq - tail)
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
    this.base = tail
  }
}
