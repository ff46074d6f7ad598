import { Decoder, Encoder, ExtensionCodec } from '@msgpack/msgpack'
import type { Result } from '../contract'

/** The WebSocket subprotocol of this wire format; the server refuses sockets that do not offer it. */
export const WIRE_PROTOCOL = 'brokerscope.v1'

/** Prefix of the second subprotocol, which carries the access token (browsers cannot set headers). */
export const TOKEN_PROTOCOL_PREFIX = 'token.'

/** Path of the WebSocket endpoint on the serving origin. */
export const WIRE_PATH = '/ws'

/** Path the page posts to (with `Authorization: Bearer`) to learn why its socket was refused. */
export const SESSION_PATH = '/session'

/** Client → server: a request that expects the reply carrying the same `id`. */
export type WireRequest = readonly [kind: 0, id: number, name: string, args: unknown]
/** Server → client: the reply to request `id`. */
export type WireReply = readonly [kind: 1, id: number, result: Result<unknown>]
/** Server → client: one event, sent to every authenticated socket. */
export type WireEvent = readonly [kind: 2, name: string, payload: unknown]
export type ServerMessage = WireReply | WireEvent

/** MessagePack extension type of a Float64Array (a delta's numbers), as little-endian doubles. */
const FLOAT64_ARRAY = 1

const extensionCodec = new ExtensionCodec()
extensionCodec.register({
  type: FLOAT64_ARRAY,
  encode: (value) => {
    if (!(value instanceof Float64Array)) return null
    const bytes = new Uint8Array(value.length * 8)
    const view = new DataView(bytes.buffer)
    for (let i = 0; i < value.length; i++) view.setFloat64(i * 8, value[i] as number, true)
    return bytes
  },
  decode: (bytes) => {
    if (bytes.length % 8 !== 0) throw new Error('A Float64Array extension must hold whole doubles.')
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length)
    const values = new Float64Array(bytes.length / 8)
    for (let i = 0; i < values.length; i++) values[i] = view.getFloat64(i * 8, true)
    return values
  }
})

// MessagePack keeps Uint8Array as binary (JSON would not); Float64Array goes as an extension, else it would
// arrive as bytes. Undefined object fields are dropped so that optional fields stay absent instead of
// arriving as null, which the schemas would refuse.
const encoder = new Encoder({ ignoreUndefined: true, extensionCodec })
const decoder = new Decoder({ extensionCodec })

/** Encodes one message into a fresh frame (safe to hand to a socket that sends later). */
export function encodeFrame(message: WireRequest | ServerMessage): Uint8Array {
  return encoder.encode(message)
}

function decode(frame: Uint8Array): unknown {
  try {
    return decoder.decode(frame)
  } catch {
    return undefined
  }
}

/** Decodes a frame sent by a client; undefined when it is not a well-formed request. */
export function decodeRequest(frame: Uint8Array): WireRequest | undefined {
  const message = decode(frame)
  if (!Array.isArray(message) || message.length !== 4 || message[0] !== 0) return undefined
  const [, id, name] = message as unknown[]
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof name !== 'string') return undefined
  return message as unknown as WireRequest
}

/** Decodes a frame sent by the server; undefined when it is neither a reply nor an event. */
export function decodeServerMessage(frame: Uint8Array): ServerMessage | undefined {
  const message = decode(frame)
  if (!Array.isArray(message) || message.length !== 3) return undefined
  const [kind, key] = message as unknown[]
  if (kind === 1 && typeof key === 'number') return message as unknown as WireReply
  if (kind === 2 && typeof key === 'string') return message as unknown as WireEvent
  return undefined
}
