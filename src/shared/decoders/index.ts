import { cborDecoder } from './cbor'
import { imageDecoder } from './image'
import { jsonDecoder } from './json'
import { msgpackDecoder } from './msgpack'
import { protobufDecoder, type ProtobufContext } from './protobuf'
import { sparkplugDecoder, type SparkplugContext } from './sparkplug'
import { base64Decoder, hexDecoder, textDecoder } from './text'
import type { DecodeInput, DecodeResult, DecoderId, PayloadDecoder } from './types'

export * from './types'
export { profileDecoders, resolveDecoderPin, type ProfileDecoders } from './profileDecoders'
export { compileProtobufSchemas, protobufMessageTypes, protobufRuleFor, type ProtoFile, type ProtobufRule, type ProtobufSchemas } from './protobuf'
export { findImage, sniffImage } from './image'
export {
  decodeWithHistory, isSparkplugTopic, metricRows, parseTopic as parseSparkplugTopic, sparkplugResult, sparkplugSummary, SparkplugState,
  type SparkplugHistory, type SparkplugMessage, type SparkplugMetricRow, type SparkplugStoredMessage
} from './sparkplug'
export { plainTree, stringifyValue } from './valueTree'

/** Everything any decoder may need beyond the bytes; the owner (main's model or a view) keeps it per connection. */
export type DecoderContext = ProtobufContext & SparkplugContext

/** A decoder chosen by the user or a pin, or `auto` for the rules below. */
export type DecoderChoice = DecoderId | 'auto'

/** Every decoder by id, in the order the decoder menu lists them. */
export const payloadDecoders: Readonly<Record<DecoderId, PayloadDecoder<DecoderContext>>> = {
  text: textDecoder,
  json: jsonDecoder,
  hex: hexDecoder,
  base64: base64Decoder,
  cbor: cborDecoder,
  msgpack: msgpackDecoder,
  image: imageDecoder,
  protobuf: protobufDecoder,
  sparkplug: sparkplugDecoder
}

// Auto-detection tries these in order and takes the first that claims the payload. Each claims only what it
// cannot get wrong: Sparkplug only on its namespace, Protobuf only by a profile's rule, images by magic
// bytes, JSON only when it parses, text only when it is valid UTF-8; CBOR and MessagePack are never guessed.
const AUTO_ORDER: readonly DecoderId[] = ['sparkplug', 'protobuf', 'image', 'json', 'text']

/** The decoder auto-detection picks for a payload: hex when nothing else claims it. */
export function detectDecoder(input: DecodeInput, context: DecoderContext): DecoderId {
  return AUTO_ORDER.find((id) => payloadDecoders[id].detects(input, context)) ?? 'hex'
}

/** Decodes with the chosen decoder (or the detected one); never throws, a failure is a sentence. */
export function decodePayload(input: DecodeInput, context: DecoderContext, choice: DecoderChoice = 'auto'): DecodeResult {
  const id = choice === 'auto' ? detectDecoder(input, context) : choice
  try {
    return payloadDecoders[id].decode(input, context)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return { ok: false, decoder: id, error: `The ${payloadDecoders[id].label} decoder failed on this payload (${detail}). Try another decoder.` }
  }
}
