import { buildBridge, type AppError, type EventName, type MainBridge, type RequestName, type Result } from '@shared/contract'
import { ChunkAssembler, REPLY_CHUNK_LIMITS, splitFrame } from '@shared/wire/chunks'
import { decodeServerMessage, encodeFrame, SESSION_PATH, TOKEN_PROTOCOL_PREFIX, WIRE_PATH, WIRE_PROTOCOL } from '@shared/wire/codec'

/** Where the server lives and how to prove the page may talk to it. */
export interface WebSocketTarget {
  /** The page's origin, e.g. `http://127.0.0.1:8080`. */
  origin: string
  token: string
}

const LOST: AppError = {
  code: 'internal',
  message: 'The connection to the Brokerscope server was lost. The page reloads once the server is back.'
}

/** The POST to the server's session path that proves the token (the server answers why it refused). */
function sessionRequest(target: WebSocketTarget): RequestInit {
  return { method: 'POST', headers: { Authorization: `Bearer ${target.token}` } }
}

/** Asks the server why a socket was refused, so the page can show its sentence instead of a generic failure. */
async function refusalReason(target: WebSocketTarget): Promise<string> {
  try {
    const response = await fetch(target.origin + SESSION_PATH, sessionRequest(target))
    if (!response.ok) return await response.text()
  } catch {
    // Fall through: the server itself is unreachable.
  }
  return 'The Brokerscope server did not answer. Check that it is running, then reload the page.'
}

function socketUrl(origin: string): string {
  return origin.replace(/^http/, 'ws') + WIRE_PATH
}

function openSocket(target: WebSocketTarget): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(socketUrl(target.origin), [WIRE_PROTOCOL, TOKEN_PROTOCOL_PREFIX + target.token])
    socket.binaryType = 'arraybuffer'
    const fail = (): void => void refusalReason(target).then((reason) => reject(new Error(reason)))
    socket.addEventListener('error', fail, { once: true })
    socket.addEventListener(
      'open',
      () => {
        socket.removeEventListener('error', fail)
        resolve(socket)
      },
      { once: true }
    )
  })
}

// After losing the server, wait until it answers again, then reload: the page starts over from the server's
// current state instead of showing a view that missed events. Any HTTP answer counts: if the token changed
// meanwhile, the reloaded page says so.
function reloadWhenBack(target: WebSocketTarget, delayMs = 1000): void {
  setTimeout(async () => {
    const back = await fetch(target.origin + SESSION_PATH, sessionRequest(target)).then(
      () => true,
      () => false
    )
    if (back) location.reload()
    else reloadWhenBack(target, Math.min(delayMs * 2, 10_000))
  }, delayMs)
}

/** Opens the socket and resolves with the contract's bridge over it; rejects with a sentence when refused. */
export async function connectWebSocketBridge(target: WebSocketTarget): Promise<MainBridge> {
  const socket = await openSocket(target)
  const pending = new Map<number, (result: Result<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let nextId = 1
  let lost = false
  // The server is trusted, but a bound still keeps a broken transfer from holding memory without end.
  const chunks = new ChunkAssembler(REPLY_CHUNK_LIMITS)

  socket.addEventListener('message', (event: MessageEvent<ArrayBuffer>) => {
    const outcome = chunks.accept(new Uint8Array(event.data))
    if (outcome.kind === 'refused') reportError(new Error(outcome.reason))
    if (outcome.kind !== 'frame') return
    const message = decodeServerMessage(outcome.frame)
    if (!message) return
    if (message[0] === 1) {
      pending.get(message[1])?.(message[2])
      pending.delete(message[1])
      return
    }
    for (const listener of listeners.get(message[1]) ?? []) {
      try {
        listener(message[2])
      } catch (error) {
        reportError(error)
      }
    }
  })
  socket.addEventListener('close', () => {
    lost = true
    chunks.clear()
    for (const settle of pending.values()) settle({ ok: false, error: LOST })
    pending.clear()
    reloadWhenBack(target)
  })

  const call = (name: RequestName, args: unknown): Promise<Result<unknown>> => {
    if (lost) return Promise.resolve({ ok: false, error: LOST })
    const id = nextId++
    return new Promise((resolve) => {
      pending.set(id, resolve)
      for (const part of splitFrame(encodeFrame([0, id, name, args]), id)) socket.send(part)
    })
  }
  const listen = (name: EventName, listener: (payload: unknown) => void): (() => void) => {
    const set = listeners.get(name) ?? new Set()
    listeners.set(name, set)
    set.add(listener)
    return () => void set.delete(listener)
  }
  return buildBridge(call, listen)
}
