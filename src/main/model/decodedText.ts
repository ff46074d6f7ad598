// The decoded form of stored messages as text, for search: decoding runs here, when a query asks, never on ingest.
import { decodePayload, decodeWithHistory, findImage, isSparkplugTopic, payloadDecoders, sparkplugResult, stringifyValue, type DecodeResult, type DecoderContext, type ProfileDecoders } from '../../shared/decoders'
import type { ConnectionModel } from './connectionModel'
import { ChainCursors, sparkplugHistoryAt } from './sparkplugHistory'

const NO_SCHEMAS: DecoderContext = { protobuf: null }

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
    const pinned = this.decoders?.pinFor(topic)
    const bytes = this.model.log.payload(seq, Number.POSITIVE_INFINITY)
    const input = { bytes, topic }
    if ((pinned === undefined || pinned === 'sparkplug') && isSparkplugTopic(topic)) {
      const history = sparkplugHistoryAt(this.model, topic, seq, this.cursors)
      return searchableText(sparkplugResult(decodeWithHistory({ topic, payload: bytes, receivedAt: this.model.log.receivedAtOf(seq) }, history)))
    }
    if (pinned) return searchableText(decodePayload(input, this.context, pinned))
    if (payloadDecoders.protobuf.detects(input, this.context)) return searchableText(decodePayload(input, this.context, 'protobuf'))
    // Outside Sparkplug and Protobuf rules, auto-detection adds words to the raw bytes only for pictures: JSON and
    // text read as they are (so a JSON flood is not parsed for nothing), and CBOR and MessagePack are never guessed.
    return mayBeImage(bytes) && findImage(bytes) ? searchableText(decodePayload(input, this.context, 'image')) : undefined
  }
}
