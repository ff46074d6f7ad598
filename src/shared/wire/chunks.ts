import { Decoder, Encoder } from '@msgpack/msgpack'

/** Kind of a chunk frame: [3, transferId, index, count, bytes]; the receiver joins `count` of them into one frame. */
export const CHUNK_KIND = 3

/** Frames above this travel in chunks, so no single send exceeds a socket's buffered bound. */
export const CHUNK_BYTES = 4 * 1024 * 1024

export interface ChunkLimits {
  /** Largest joined frame accepted (a 256 MB MQTT payload must fit in a request). */
  readonly maxTotalBytes: number
  /** Transfers a peer may have half-sent at once. */
  readonly maxTransfers: number
}

/** What the page joins from the server: the largest reply the headless server sends, and a few at once. */
export const REPLY_CHUNK_LIMITS: ChunkLimits = { maxTotalBytes: 512 << 20, maxTransfers: 16 }

const encoder = new Encoder()
const decoder = new Decoder()

/** Splits a frame into chunk frames; a frame of at most `chunkBytes` goes as it is. */
export function splitFrame(frame: Uint8Array, transferId: number, chunkBytes = CHUNK_BYTES): Uint8Array[] {
  if (frame.byteLength <= chunkBytes) return [frame]
  const count = Math.ceil(frame.byteLength / chunkBytes)
  const chunks: Uint8Array[] = []
  for (let index = 0; index < count; index++) {
    const bytes = frame.subarray(index * chunkBytes, Math.min(frame.byteLength, (index + 1) * chunkBytes))
    chunks.push(encoder.encode([CHUNK_KIND, transferId, index, count, bytes]))
  }
  return chunks
}

/** What a received frame turned into: a whole frame, nothing yet (a chunk of a transfer), or a refusal. */
export type ChunkOutcome =
  | { readonly kind: 'frame'; readonly frame: Uint8Array }
  | { readonly kind: 'pending' }
  | { readonly kind: 'refused'; readonly reason: string }

interface Transfer {
  readonly count: number
  next: number
  bytes: number
  readonly parts: Uint8Array[]
}

// A chunk frame starts with a fixarray of 5 and the positive fixint 3; any other frame is passed through.
function isChunkFrame(frame: Uint8Array): boolean {
  return frame.byteLength > 2 && frame[0] === 0x95 && frame[1] === CHUNK_KIND
}

/** Joins one peer's chunk frames, refusing sequences that break the limits (one per socket; drop it on close). */
export class ChunkAssembler {
  private readonly transfers = new Map<number, Transfer>()

  constructor(private readonly limits: ChunkLimits) {}

  accept(frame: Uint8Array): ChunkOutcome {
    if (!isChunkFrame(frame)) return { kind: 'frame', frame }
    let message: unknown
    try {
      message = decoder.decode(frame)
    } catch {
      return { kind: 'refused', reason: 'A chunk frame could not be decoded.' }
    }
    const [, id, index, count, bytes] = message as unknown[]
    if (!Number.isSafeInteger(id) || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || !(bytes instanceof Uint8Array)) {
      return { kind: 'refused', reason: 'A chunk frame is malformed.' }
    }
    const total = count as number
    if (total < 2 || total > Math.ceil(this.limits.maxTotalBytes / Math.max(1, bytes.byteLength))) {
      return { kind: 'refused', reason: `A transfer of ${total} chunks is more than this socket accepts.` }
    }
    let transfer = this.transfers.get(id as number)
    if (!transfer) {
      if (index !== 0) return { kind: 'refused', reason: 'A transfer must start with chunk 0.' }
      if (this.transfers.size >= this.limits.maxTransfers) return { kind: 'refused', reason: 'Too many transfers are in flight on this socket.' }
      transfer = { count: total, next: 0, bytes: 0, parts: [] }
      this.transfers.set(id as number, transfer)
    }
    if (index !== transfer.next || total !== transfer.count) {
      this.transfers.delete(id as number)
      return { kind: 'refused', reason: 'A chunk arrived out of order.' }
    }
    transfer.bytes += bytes.byteLength
    if (transfer.bytes > this.limits.maxTotalBytes) {
      this.transfers.delete(id as number)
      return { kind: 'refused', reason: `A transfer is larger than the ${this.limits.maxTotalBytes} bytes this socket accepts.` }
    }
    transfer.parts.push(bytes)
    transfer.next++
    if (transfer.next < transfer.count) return { kind: 'pending' }
    this.transfers.delete(id as number)
    const joined = new Uint8Array(transfer.bytes)
    let offset = 0
    for (const part of transfer.parts) {
      joined.set(part, offset)
      offset += part.byteLength
    }
    return { kind: 'frame', frame: joined }
  }

  /** Drops half-received transfers (the socket closed). */
  clear(): void {
    this.transfers.clear()
  }
}
