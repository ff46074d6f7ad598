// A protobuf wire-format reader for the fixed Sparkplug B schema. Hand-written rather than protobufjs
// reflection because reflection compiles decoders with `Function()`, which the renderer's CSP forbids.

/** A place where the bytes stop making sense as protobuf, with the byte offset it was found at. */
export class WireError extends Error {
  constructor(
    readonly reason: 'truncated' | 'malformed',
    message: string,
    readonly offset: number
  ) {
    super(message)
  }
}

/** Wire types of the protobuf encoding. */
export const VARINT = 0
export const FIXED64 = 1
export const LENGTH = 2
export const FIXED32 = 5

const utf8 = new TextDecoder('utf-8', { fatal: false })

/** Reads one message's fields from `pos` to `end`; nested messages get a reader over their own range. */
export class WireReader {
  pos: number
  /** Where the last field key started, for error messages. */
  private fieldAt = 0
  /** Low and high 32 bits of the last varint read. */
  private lo = 0
  private hi = 0
  private view: DataView | undefined

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length
  ) {
    this.pos = start
  }

  get done(): boolean {
    return this.pos >= this.end
  }

  /** Reads a field key; returns the field number times 8 plus the wire type, as protobuf encodes it. */
  tag(): number {
    const at = this.pos
    this.fieldAt = at
    const key = this.uint32()
    if (key >>> 3 === 0) throw new WireError('malformed', `a field number 0 appears at byte ${at}`, at)
    return key
  }

  uint32(): number {
    this.varint()
    return this.lo
  }

  /** A uint64 kept exact. */
  uint64(): bigint {
    this.varint()
    return this.hi === 0 ? BigInt(this.lo) : (BigInt(this.hi) << 32n) | BigInt(this.lo)
  }

  /** A uint64 as a number, for millisecond timestamps and counters well below 2^53. */
  uint64Number(): number {
    this.varint()
    return this.hi * 0x1_0000_0000 + this.lo
  }

  bool(): boolean {
    this.varint()
    return this.lo !== 0 || this.hi !== 0
  }

  float(): number {
    const at = this.need(4)
    return this.dataView().getFloat32(at, true)
  }

  double(): number {
    const at = this.need(8)
    return this.dataView().getFloat64(at, true)
  }

  /** A length-delimited field's bytes, copied so the result never pins the payload buffer. */
  bytes(): Uint8Array {
    const start = this.lengthStart()
    // A plain copy: Buffer.slice would share (and pin) the payload's memory.
    return new Uint8Array(this.buf.subarray(start, this.pos))
  }

  string(): string {
    const start = this.lengthStart()
    return utf8.decode(this.buf.subarray(start, this.pos))
  }

  /** A reader over the nested message that follows. */
  message(): WireReader {
    const start = this.lengthStart()
    return new WireReader(this.buf, start, this.pos)
  }

  /** Skips a field this schema does not know (extensions, newer fields). */
  skip(key: number): void {
    const at = this.fieldAt
    switch (key & 7) {
      case VARINT:
        this.varint()
        return
      case FIXED64:
        this.need(8)
        return
      case LENGTH:
        this.lengthStart()
        return
      case FIXED32:
        this.need(4)
        return
      case 3:
      case 4:
        throw new WireError('malformed', `field ${key >>> 3} at byte ${at} is a protobuf group, which Sparkplug payloads never contain`, at)
      default:
        throw new WireError('malformed', `field ${key >>> 3} at byte ${at} has wire type ${key & 7}, which protobuf does not define`, at)
    }
  }

  /** Fails unless the field just read has the wire type the schema gives it. */
  expect(key: number, wireType: number, field: string): void {
    if ((key & 7) !== wireType) {
      throw new WireError('malformed', `field ${key >>> 3} (${field}) at byte ${this.fieldAt} has wire type ${key & 7} where the schema says ${wireType}`, this.fieldAt)
    }
  }

  private lengthStart(): number {
    const length = this.uint32()
    return this.need(length)
  }

  /** Advances by `count` bytes and returns where they start; fails when the message ends first. */
  private need(count: number): number {
    const at = this.pos
    if (at + count > this.end) throw truncated(this.end)
    this.pos = at + count
    return at
  }

  private varint(): void {
    const buf = this.buf
    let lo = 0
    let hi = 0
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw truncated(this.end)
      const b = buf[this.pos++] as number
      if (i < 4) lo |= (b & 0x7f) << (7 * i)
      else if (i === 4) {
        lo |= (b & 0x0f) << 28
        hi |= (b & 0x7f) >> 4
      } else hi |= (b & 0x7f) << (7 * i - 32)
      if (b < 0x80) {
        this.lo = lo >>> 0
        this.hi = hi >>> 0
        return
      }
    }
    throw new WireError('malformed', `a number at byte ${this.pos - 10} is longer than the 10 bytes protobuf allows`, this.pos - 10)
  }

  private dataView(): DataView {
    this.view ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength)
    return this.view
  }
}

function truncated(end: number): WireError {
  return new WireError('truncated', `the protobuf data ends early at byte ${end}`, end)
}
