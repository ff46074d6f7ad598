import type { RawData, WebSocket } from 'ws'
import type { EventName, Result } from '../shared/contract'
import { ChunkAssembler, REPLY_CHUNK_LIMITS, splitFrame } from '../shared/wire/chunks'
import { decodeRequest, encodeFrame } from '../shared/wire/codec'
import type { DeltaReceiver } from '../main/ports/deltaReceiver'
import type { EventSink } from '../main/ports/eventSink'

/** Runs one untrusted request of a socket (the caller, also the receiver of its deltas): the handler table's dispatch in production. */
export type RequestDispatcher = (name: unknown, args: unknown, caller: DeltaReceiver) => Promise<Result<unknown>>

/** Byte limits per socket; see SocketHub. */
export interface HubLimits {
  /** Above this many unsent bytes a socket counts as congested: its delta stream waits, the others go on. */
  congestedBytes: number
  /** Above this many unsent bytes the socket is closed: the browser reloads and starts from a fresh snapshot. */
  maxBufferedBytes: number
  /** A reply larger than this becomes a sentence: the page joins no more (REPLY_CHUNK_LIMITS). */
  maxReplyBytes: number
}

export const DEFAULT_HUB_LIMITS: HubLimits = { congestedBytes: 4 << 20, maxBufferedBytes: 32 << 20, maxReplyBytes: REPLY_CHUNK_LIMITS.maxTotalBytes }

// A chunked request may reach 300 MiB so that a 256 MB MQTT publish fits; few half-sent ones per socket bound memory.
const REQUEST_CHUNK_LIMITS = { maxTotalBytes: 300 << 20, maxTransfers: 4 }

// A bigger reply than the page joins becomes a sentence instead of a lost socket.
function tooBigReply(bytes: number, maxBytes: number): Result<unknown> {
  const mb = (n: number): string => `${Math.ceil(n / 1_000_000)} MB`
  return {
    ok: false,
    error: { code: 'unsupported', message: `This reply is ${mb(bytes)}, more than the ${mb(maxBytes)} the headless server sends in one answer. Load a smaller range or fewer messages.` }
  }
}

/**
 * The authenticated sockets: each request is dispatched and answered on its own socket, every event is encoded
 * once and sent to all of them, and each socket receives its own delta stream at its own pace. Nothing is queued
 * here beyond the socket's own send buffer: a congested socket's stream waits (the model merges its changes), and a
 * socket whose buffer still passes `maxBufferedBytes` is dropped (the page reloads).
 */
export class SocketHub {
  private readonly sockets = new Set<WebSocket>()
  private nextId = 1

  constructor(
    private readonly dispatch: RequestDispatcher,
    private readonly limits: HubLimits = DEFAULT_HUB_LIMITS
  ) {}

  /** Number of open sockets. */
  get size(): number {
    return this.sockets.size
  }

  /** Takes over a socket that passed the access check. */
  add(socket: WebSocket): void {
    this.sockets.add(socket)
    const chunks = new ChunkAssembler(REQUEST_CHUNK_LIMITS)
    const caller = this.receiverFor(socket)
    socket.on('message', (data, isBinary) => void this.onMessage(socket, caller, chunks, data, isBinary))
    socket.on('close', () => {
      this.sockets.delete(socket)
      chunks.clear()
    })
    socket.on('error', () => socket.terminate())
  }

  /** The EventSink the main services emit into. */
  readonly broadcast: EventSink = (name: EventName, payload: unknown) => {
    if (this.sockets.size === 0) return
    const frame = encodeFrame([2, name, payload])
    for (const socket of this.sockets) this.send(socket, frame)
  }

  /** Closes every socket (server shutdown). */
  closeAll(): void {
    for (const socket of this.sockets) socket.close(1001, 'The server is shutting down.')
    this.sockets.clear()
  }

  private receiverFor(socket: WebSocket): DeltaReceiver {
    return {
      id: `socket-${this.nextId++}`,
      isOpen: () => this.sockets.has(socket),
      canSend: () => socket.bufferedAmount <= this.limits.congestedBytes,
      send: (delta) => this.send(socket, encodeFrame([2, 'model:delta', delta]))
    }
  }

  private async onMessage(socket: WebSocket, caller: DeltaReceiver, chunks: ChunkAssembler, data: RawData, isBinary: boolean): Promise<void> {
    const outcome = isBinary && data instanceof Uint8Array ? chunks.accept(data) : undefined
    if (outcome?.kind === 'pending') return
    if (outcome?.kind === 'refused') {
      socket.close(1008, outcome.reason)
      return
    }
    const request = outcome ? decodeRequest(outcome.frame) : undefined
    if (!request) {
      socket.close(1003, 'Frames must be binary requests of this app.')
      return
    }
    const [, id, name, args] = request
    const result = await this.dispatch(name, args, caller)
    await this.reply(socket, id, result)
  }

  // A big reply goes chunk by chunk, each after the last was written, so it never passes the buffered bound at once.
  private async reply(socket: WebSocket, id: number, result: Result<unknown>): Promise<void> {
    let frame = encodeFrame([1, id, result])
    if (frame.byteLength > this.limits.maxReplyBytes) frame = encodeFrame([1, id, tooBigReply(frame.byteLength, this.limits.maxReplyBytes)])
    const parts = splitFrame(frame, id)
    if (parts.length === 1) return this.send(socket, frame)
    for (const part of parts) {
      if (socket.readyState !== socket.OPEN) return
      await new Promise<void>((resolve) => socket.send(part, () => resolve()))
    }
  }

  private send(socket: WebSocket, frame: Uint8Array): void {
    if (socket.readyState !== socket.OPEN) return
    if (socket.bufferedAmount + frame.byteLength > this.limits.maxBufferedBytes) {
      // Dropped at once, not closed politely: a close frame would wait behind the very backlog being given up.
      this.sockets.delete(socket)
      socket.terminate()
      return
    }
    socket.send(frame)
  }
}
