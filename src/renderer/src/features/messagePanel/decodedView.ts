import {
  decodePayload, decodeWithHistory, detectDecoder, payloadDecoders, sparkplugResult, stringifyValue,
  type DecodedImage, type DecodeResult, type DecoderContext, type DecoderId, type SparkplugHistory, type SparkplugMessage
} from '@shared/decoders'
import { hexDump } from '../../lib/bytes'

/** The decoders the value viewer offers; Protobuf needs a profile's schemas, so it comes with those. */
export const VIEWER_DECODERS = ['json', 'text', 'hex', 'base64', 'cbor', 'msgpack', 'image', 'sparkplug'] as const satisfies readonly DecoderId[]
export type ViewerDecoder = (typeof VIEWER_DECODERS)[number]

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
  /** A Sparkplug message for the metrics table, and whether its node and device are online now. */
  sparkplug?: { message: SparkplugMessage; now?: SparkplugHistory['now'] }
}

/** A Sparkplug message's history from main, so it decodes as it read on arrival (names, types, seq). */
export interface SparkplugInput {
  history: SparkplugHistory
  receivedAt: number
}

// The viewer has no profile schemas yet: Protobuf is never detected here.
const VIEWER_CONTEXT: DecoderContext = { protobuf: null }

/** The decoder auto-detection picks for the viewer. */
export function detectViewerDecoder(bytes: Uint8Array, topic: string): DecoderId {
  return detectDecoder({ bytes, topic }, VIEWER_CONTEXT)
}

/** A payload decoded for the viewer; the raw bytes stay the truth, so any decoder can be chosen afterwards. */
export function decodedView(bytes: Uint8Array, topic: string, decoder: DecoderId, sparkplug?: SparkplugInput): DecodedView {
  // The viewer reads hex as a dump (offsets and ASCII), not the composer's plain hex.
  if (decoder === 'hex') return { decoder, text: hexDump(bytes), language: 'plaintext' }
  const result: DecodeResult =
    decoder === 'sparkplug' && sparkplug
      ? sparkplugResult(decodeWithHistory({ topic, payload: bytes, receivedAt: sparkplug.receivedAt }, sparkplug.history))
      : decodePayload({ bytes, topic }, VIEWER_CONTEXT, decoder)
  if (!result.ok) return { decoder, text: hexDump(bytes), language: 'plaintext', error: result.error }
  const decoded = result.decoded
  switch (decoded.kind) {
    case 'text':
      return { decoder, text: decoded.text, language: 'plaintext' }
    case 'bytes':
      return { decoder, text: decoded.text, language: 'plaintext' }
    case 'value':
      return { decoder, text: stringifyValue(decoded.value, 2), language: 'json' }
    case 'image':
      return { decoder, text: result.summary, language: 'plaintext', image: decoded.image }
    case 'sparkplug': {
      const message = decoded.message as SparkplugMessage
      const now = sparkplug?.history.now
      return { decoder, text: stringifyValue(message, 2), language: 'json', sparkplug: now ? { message, now } : { message } }
    }
  }
}
