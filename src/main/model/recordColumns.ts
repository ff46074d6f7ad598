type Column = Float64Array | Uint32Array | Int32Array | Uint16Array

/**
 * The message log's records as columns of numbers, one slot per record (slot = sequence number & mask),
 * so a record costs no object and the garbage collector never walks them.
 */
export class RecordColumns {
  mask: number
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

  constructor(public slots: number) {
    this.mask = slots - 1
    this.receivedAt = new Float64Array(slots)
    this.topicSeq = new Float64Array(slots)
    this.position = new Float64Array(slots)
    this.older = new Float64Array(slots)
    this.newer = new Float64Array(slots)
    this.size = new Uint32Array(slots)
    this.owner = new Int32Array(slots)
    this.flags = new Uint16Array(slots)
  }

  /** Multiplies the slots by `factor` (a power of two), keeping records `tail` … `head - 1` reachable under their sequence numbers. */
  grow(tail: number, head: number, factor: number): void {
    const slots = this.slots * factor
    const mask = slots - 1
    const remap = <T extends Column>(old: T, fresh: T): T => {
      // Copy run by run: a run ends where either array wraps.
      for (let seq = tail; seq < head; ) {
        const from = seq & this.mask
        const to = seq & mask
        const length = Math.min(head - seq, this.slots - from, slots - to)
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
  }
}
