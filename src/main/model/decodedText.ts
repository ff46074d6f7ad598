// The decoded form of stored messages as text, for search: decoding runs here, when a query asks, never on ingest.
import {
  decodePayload, decodeWithHistory, findImage, isSparkplugTopic, payloadDecoders, sparkplugResult, stringifyValue,
  type DecodeResult, type DecoderContext, type DecoderId, type ProfileDecoders
} from '../../shared/decoders'
import type { ConnectionModel } from './connectionModel'
import { ChainCursors, sparkplugHistoryAt } from './sparkplugHistory'

const NO_SCHEMAS: DecoderContext = { protobuf: null }
const NO_BYTES = new Uint8Array(0)

/**
 * The decoder a connection's profile gives a topic's stored messages, as search and chart series read them: the
 * first matching pin, else Sparkplug on its namespace, else a Protobuf rule; undefined when nothing claims the
 * topic (auto-detection then goes by the bytes).
 */
export function storedDecoderFor(topic: string, decoders: ProfileDecoders | undefined): DecoderId | undefined {
  const pinned = decoders?.pinFor(topic)
  if (pinned) return pinned
  if (isSparkplugTopic(topic)) return 'sparkplug'
  // Protobuf claims a topic by the profile's rules alone, not by the bytes.
  return payloadDecoders.protobuf.detects({ bytes: NO_BYTES, topic }, decoders?.context ?? NO_SCHEMAS) ? 'protobuf' : undefined
}

/** False for JSON objects and arrays: no picture (raw or base64) starts with { or [, so most payloads skip the image sniffing. */
function mayBeImage(bytes: Uint8Array): boolean {
  let i = 0
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++
  return bytes[i] !== 0x7b && bytes[i] !== 0x5b
}

/** The text a decoded payload is searched by; undefined when it reads no different from the raw bytes. */
function searchableText(result: DecodeResult): string | undefined {
  if (!result.ok) return undefined
  const decoded = result.decoded
  switch (decoded.kind) {
    case 'value':
      return stringifyValue(decoded.value)
    case 'sparkplug':
      return stringifyValue(decoded.message)
    case 'image':
      return result.summary
    // Text is the raw bytes read as UTF-8, and a hex or base64 dump only spells the bytes out again.
    case 'text':
    case 'bytes':
      return undefined
  }
}

/**
 * Decodes stored messages of one model as a view would, under the connection's profile settings: the first
 * matching pin picks the decoder, else a Protobuf rule, else auto-detection; a Sparkplug message is replayed
 * against the births and deaths before it in the history.
 */
export class DecodedTexts {
  private readonly cursors = new ChainCursors()
  private readonly context: DecoderContext

  /** `decoders` is undefined for a connection opened without a profile: no pins, no schemas. */
  constructor(
    private readonly model: ConnectionModel,
    private readonly decoders: ProfileDecoders | undefined
  ) {
    this.context = decoders?.context ?? NO_SCHEMAS
  }

  /** The decoded text of the message at log position `seq` of `topic`, undefined when decoding adds nothing. */
  textOf(topic: string, seq: number): string | undefined {
    const decoder = storedDecoderFor(topic, this.decoders)
    const bytes = this.model.log.payload(seq, Number.POSITIVE_INFINITY)
    if (decoder === 'sparkplug' && isSparkplugTopic(topic)) {
      const history = sparkplugHistoryAt(this.model, topic, seq, this.cursors)
      return searchableText(sparkplugResult(decodeWithHistory({ topic, payload: bytes, receivedAt: this.model.log.receivedAtOf(seq) }, history)))
    }
    if (decoder) return searchableText(decodePayload({ bytes, topic }, this.context, decoder))
    // Outside Sparkplug and Protobuf rules, auto-detection adds words to the raw bytes only for pictures: JSON and
    // text read as they are (so a JSON flood is not parsed for nothing), and CBOR and MessagePack are never guessed.
    return mayBeImage(bytes) && findImage(bytes) ? searchableText(decodePayload({ bytes, topic }, this.context, 'image')) : undefined
  }
}
