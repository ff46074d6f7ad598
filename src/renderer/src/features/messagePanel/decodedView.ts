import {
  decodePayload, decodeWithHistory, payloadDecoders, sparkplugResult, stringifyValue,
  type DecodedImage, type DecodeResult, type DecoderId, type ProfileDecoders, type SparkplugHistory, type SparkplugMessage
} from '@shared/decoders'
import { sparkplugFields } from '@shared/series'
import { hexDump } from '../../lib/bytes'

const VIEWER_DECODERS: readonly DecoderId[] = ['json', 'text', 'hex', 'base64', 'cbor', 'msgpack', 'image', 'sparkplug']

/** The decoders the value viewer offers; Protobuf needs a profile's rules, so it comes with those. */
export function viewerDecoders(decoders: ProfileDecoders): readonly DecoderId[] {
  return decoders.hasProtobufRules ? [...VIEWER_DECODERS, 'protobuf'] : VIEWER_DECODERS
}

/** The label of a decoder in the viewer's menu. */
export const decoderLabel = (id: DecoderId): string => payloadDecoders[id].label

/** What the viewer shows for a payload: text for the code view (and the diff), a picture, or why it could not decode. */
export interface DecodedView {
  decoder: DecoderId
  text: string
  language: 'json' | 'plaintext'
  image?: DecodedImage
  /** The decoder's sentence when the payload is not what it reads; the text is then the hex dump. */
  error?: string
  /** The decoded value a chart series reads fields of (CBOR, MessagePack, Protobuf; a Sparkplug message's metrics by name). */
  plotted?: unknown
  /** A Sparkplug message for the metrics table, and whether its node and device are online now. */
  sparkplug?: { message: SparkplugMessage; now?: SparkplugHistory['now'] }
}

/** A Sparkplug message's history from main, so it decodes as it read on arrival (names, types, seq). */
export interface SparkplugInput {
  history: SparkplugHistory
  receivedAt: number
}

/**
 * A payload decoded for the viewer with the connection's profile settings (Protobuf schemas); the raw bytes
 * stay the truth, so any decoder can be chosen afterwards.
 */
export function decodedView(bytes: Uint8Array, topic: string, decoder: DecoderId, decoders: ProfileDecoders, sparkplug?: SparkplugInput): DecodedView {
  // The viewer reads hex as a dump (offsets and ASCII), not the composer's plain hex.
  if (decoder === 'hex') return { decoder, text: hexDump(bytes), language: 'plaintext' }
  const schemaProblem = decoder === 'protobuf' ? decoders.protobufProblemFor(topic) : null
  if (schemaProblem) return { decoder, text: hexDump(bytes), language: 'plaintext', error: `The profile's .proto files cannot be used: ${schemaProblem}` }
  const result: DecodeResult =
    decoder === 'sparkplug' && sparkplug
      ? sparkplugResult(decodeWithHistory({ topic, payload: bytes, receivedAt: sparkplug.receivedAt }, sparkplug.history))
      : decodePayload({ bytes, topic }, decoders.context, decoder)
  if (!result.ok) return { decoder, text: hexDump(bytes), language: 'plaintext', error: result.error }
  const decoded = result.decoded
  switch (decoded.kind) {
    case 'text':
      return { decoder, text: decoded.text, language: 'plaintext' }
    case 'bytes':
      return { decoder, text: decoded.text, language: 'plaintext' }
    case 'value':
      return { decoder, text: stringifyValue(decoded.value, 2), language: 'json', plotted: decoded.value }
    case 'image':
      return { decoder, text: result.summary, language: 'plaintext', image: decoded.image }
    case 'sparkplug': {
      const message = decoded.message as SparkplugMessage
      const now = sparkplug?.history.now
      return { decoder, text: stringifyValue(message, 2), language: 'json', plotted: sparkplugFields(message), sparkplug: now ? { message, now } : { message } }
    }
  }
}
