// A Node client of the headless server's WebSocket, speaking the same wire format as the page. For tests and benches.
import WebSocket from 'ws'
import type { ModelDelta, RequestName, Result } from '../../src/shared/contract'
import { decodeServerMessage, encodeFrame, TOKEN_PROTOCOL_PREFIX, WIRE_PATH, WIRE_PROTOCOL } from '../../src/shared/wire/codec'
import { ChunkAssembler, REPLY_CHUNK_LIMITS, splitFrame } from '../../src/shared/wire/chunks'

/** One event as received. */
export interface ReceivedEvent {
  name: string
  payload: unknown
}

/** What a page-like delta stream saw: deltas applied in order, resets among them, gaps it answered with a resync. */
export interface StreamLog {
  applied: ModelDelta[]
  resets: number
  gaps: number
}

/** An open, authenticated socket. */
export interface WireClient {
  socket: WebSocket
  call(name: RequestName, args: unknown): Promise<Result<unknown>>
  /**
   * Opens this socket's delta stream and handles it as the page does: deltas applied in order, a gap answered by
   * model:resync, each delta confirmed by model:ack (unless `acks` is false: a page too busy to confirm).
   */
  openStream(options?: { acks?: boolean }): Promise<StreamLog>
  /** Resolves with the first event (already received or still to come) that matches; rejects after `timeoutMs`. */
  waitForEvent(name: string, matches?: (payload: unknown) => boolean, timeoutMs?: number): Promise<unknown>
  events: ReceivedEvent[]
  close(): Promise<void>
}

/** How to reach the server; `origin` is the Origin header to send (defaults to the server's own). */
export interface WireTarget {
  serverOrigin: string
  token?: string
  origin?: string
  protocols?: string[]
}

/** Opens a socket and resolves when the upgrade either succeeded or was refused with an HTTP status. */
export function attemptSocket(target: WireTarget): Promise<{ socket: WebSocket } | { status: number; body: string }> {
  const protocols = target.protocols ?? [WIRE_PROTOCOL, ...(target.token === undefined ? [] : [TOKEN_PROTOCOL_PREFIX + target.token])]
  const socket = new WebSocket(target.serverOrigin.replace(/^http/, 'ws') + WIRE_PATH, protocols, {
    origin: target.origin ?? target.serverOrigin
  })
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket }))
    socket.once('unexpected-response', (_request, response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString()))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    socket.once('error', reject)
  })
}

/** Opens an authenticated socket; throws when the server refuses it. */
export async function openWireClient(target: WireTarget): Promise<WireClient> {
  const attempt = await attemptSocket(target)
  if (!('socket' in attempt)) throw new Error(`The server refused the socket: ${attempt.status} ${attempt.body}`)
  const { socket } = attempt
  const pending = new Map<number, (result: Result<unknown>) => void>()
  const events: ReceivedEvent[] = []
  const waiters = new Set<(event: ReceivedEvent) => void>()
  let nextId = 1

  // Like the page: replies over a chunk arrive in pieces and are joined before decoding.
  const chunks = new ChunkAssembler(REPLY_CHUNK_LIMITS)
  socket.on('message', (data: Buffer) => {
    const outcome = chunks.accept(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    if (outcome.kind === 'pending') return
    if (outcome.kind === 'refused') throw new Error(`The server sent a bad chunk: ${outcome.reason}`)
    const message = decodeServerMessage(outcome.frame)
    if (!message) throw new Error('The server sent a frame that is not part of the wire format.')
    if (message[0] === 1) {
      pending.get(message[1])?.(message[2])
      pending.delete(message[1])
      return
    }
    const event = { name: message[1], payload: message[2] }
    events.push(event)
    for (const waiter of waiters) waiter(event)
  })

  const call = (name: RequestName, args: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      const id = nextId++
      pending.set(id, resolve)
      for (const part of splitFrame(encodeFrame([0, id, name, args]), id)) socket.send(part)
    })

  const openStream = async ({ acks = true } = {}): Promise<StreamLog> => {
    const log: StreamLog = { applied: [], resets: 0, gaps: 0 }
    const lastSeq = new Map<string, number>()
    const awaitingReset = new Set<string>()
    waiters.add(({ name, payload }) => {
      if (name !== 'model:delta') return
      const delta = payload as ModelDelta
      if (!delta.reset && (awaitingReset.has(delta.connectionId) || delta.seq !== (lastSeq.get(delta.connectionId) ?? 0) + 1)) {
        if (!awaitingReset.has(delta.connectionId)) {
          awaitingReset.add(delta.connectionId)
          log.gaps++
          void call('model:resync', { connectionId: delta.connectionId })
        }
        return
      }
      awaitingReset.delete(delta.connectionId)
      if (delta.reset) log.resets++
      lastSeq.set(delta.connectionId, delta.seq)
      log.applied.push(delta)
      if (acks) void call('model:ack', { acks: [{ connectionId: delta.connectionId, seq: delta.seq }] })
    })
    const reply = await call('model:openStream', {})
    if (!reply.ok) throw new Error(reply.error.message)
    return log
  }

  return {
    socket,
    events,
    call,
    openStream,
    waitForEvent: (name, matches = () => true, timeoutMs = 10_000) => {
      const seen = events.find((event) => event.name === name && matches(event.payload))
      if (seen) return Promise.resolve(seen.payload)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter)
          reject(new Error(`No ${name} event arrived within ${timeoutMs} ms.`))
        }, timeoutMs)
        const waiter = (event: ReceivedEvent): void => {
          if (event.name !== name || !matches(event.payload)) return
          clearTimeout(timer)
          waiters.delete(waiter)
          resolve(event.payload)
        }
        waiters.add(waiter)
      })
    },
    close: () =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve()
        socket.once('close', () => resolve())
        socket.close()
      })
  }
}
