/**
 * A circular byte buffer addressed by ever-growing positions (physical offset = position % capacity).
 * Writes go at `head`; the owner trims the tail as records are reclaimed, and counts live bytes so it can
 * tell holes from data.
 */
/** Spare bytes past a payload that may be copied along with it (see `write`). */
const SPARE_BYTES = 256
/**
 * Growth factors tried in turn. Growing copies every live byte into fresh memory, and a fresh page costs a
 * page fault on first touch: growing 4× at a time copies a third of what doubling does while a flood fills
 * the log. Pages never written stay virtual, so the larger step costs no resident memory.
 */
export const GROWTH_FACTORS = [4, 2] as const

export class CircularArena {
  /** Position where the next write goes. */
  head = 0
  /** Bytes of payloads still in use (the rest between tail and head are holes). */
  live = 0
  private tail = 0
  private buffer: Buffer

  constructor(initialCapacity: number) {
    this.buffer = Buffer.allocUnsafeSlow(initialCapacity)
  }

  get capacity(): number {
    return this.buffer.length
  }

  /** Bytes from the tail to the head, holes included: what a resize must keep. */
  get spanned(): number {
    return this.head - this.tail
  }

  /** Whether `bytes` more fit between head and tail. */
  fits(bytes: number): boolean {
    return this.buffer.length - (this.head - this.tail) >= bytes
  }

  /** Copies the first `length` bytes of `source` at the head (the caller checked `fits`). */
  write(source: Uint8Array, length: number): void {
    const capacity = this.buffer.length
    const at = this.head % capacity
    if (source.length !== length && source.length - length <= SPARE_BYTES && at + source.length <= capacity && this.fits(source.length)) {
      // Copying the whole source, spare bytes included, into free space avoids allocating a view per write.
      this.buffer.set(source, at)
      this.head += length
      this.live += length
      return
    }
    const first = Math.min(length, capacity - at)
    // TypedArray.set is the fast copy here; Buffer#copy takes a slow JavaScript path in Node 20.
    this.buffer.set(first === source.length ? source : source.subarray(0, first), at)
    if (first < length) this.buffer.set(source.subarray(first, length), 0)
    this.head += length
    this.live += length
  }

  /** Copies `length` bytes from `position` into `target` at `offset`. */
  read(position: number, length: number, target: Uint8Array, offset = 0): void {
    const capacity = this.buffer.length
    const at = position % capacity
    const first = Math.min(length, capacity - at)
    target.set(this.buffer.subarray(at, at + first), offset)
    if (first < length) target.set(this.buffer.subarray(0, length - first), offset + first)
  }

  /**
   * The physical offset of `length` bytes at `position` when they lie in one piece of the buffer (read them
   * from `bytes` in place), or -1 when they wrap around its end.
   */
  offsetOf(position: number, length: number): number {
    const at = position % this.buffer.length
    return at + length <= this.buffer.length ? at : -1
  }

  /** The buffer itself, for reading in place at an offset from offsetOf; valid until the next write or resize. */
  get bytes(): Uint8Array {
    return this.buffer
  }

  /** A record of `length` bytes died; its bytes become a hole until the tail passes them. */
  release(length: number): void {
    this.live -= length
  }

  /** The oldest byte still needed is at `position`. */
  trimTo(position: number): void {
    this.tail = position
  }

  /** Nothing is live: the whole buffer is free. */
  empty(): void {
    this.tail = this.head
  }

  /**
   * Grows the capacity 4× (2× when that would exceed `maxCapacity`, else to exactly `maxCapacity`, so the whole
   * budget can be used), keeping every byte at its position; false when it cannot grow at all.
   */
  grow(maxCapacity: number): boolean {
    const capacity = this.buffer.length
    const factor = GROWTH_FACTORS.find((f) => capacity * f <= maxCapacity)
    if (factor !== undefined) return this.resize(capacity * factor)
    return maxCapacity > capacity && this.resize(Math.floor(maxCapacity))
  }

  /** Moves the bytes in use into a buffer of `capacity` (smaller or larger); false when they would not fit. */
  resize(capacity: number): boolean {
    if (capacity < this.spanned) return false
    const old = this.buffer
    const fresh = Buffer.allocUnsafeSlow(capacity)
    // Copy [tail, head) piece by piece: a piece ends where either buffer wraps.
    for (let position = this.tail; position < this.head; ) {
      const from = position % old.length
      const to = position % capacity
      const length = Math.min(this.head - position, old.length - from, capacity - to)
      old.copy(fresh, to, from, from + length)
      position += length
    }
    this.buffer = fresh
    return true
  }
}
