// The decoded form of stored messages as text, for search: decoding runs here, when a query asks, never on ingest.
import type { DecoderPrefs } from '../../shared/contract'
import { decodePayload, decodeWithHistory, findImage, isSparkplugTopic, sparkplugResult, stringifyValue, type DecodeResult, type DecoderChoice, type DecoderContext } from '../../shared/decoders'
import { compileTopicFilter, type TopicMatcher } from '../../shared/topics'
import type { ConnectionModel } from './connectionModel'
import { ChainCursors, sparkplugHistoryAt } from './sparkplugHistory'

const NO_SCHEMAS: DecoderContext = { protobuf: null }

/** False for JSON objects and arrays: no picture (raw or base64) starts with { or [, so most payloads skip the image sniffing. */
function mayBeImage(bytes: Uint8Array): boolean {
  let i = 0
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++
  return bytes[i] !== 0x7b && bytes[i] !== 0x5b
}

/** A user's choice of decoder for the topics a filter matches. */
export type DecoderPin = DecoderPrefs['pins'][number]

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
 * Decodes stored messages of one model as a view would: the first matching pin picks the decoder, otherwise
 * auto-detection; a Sparkplug message is replayed against the births and deaths before it in the history.
 */
export class DecodedTexts {
  private readonly pins: { matches: TopicMatcher; decoder: DecoderPin['decoder'] }[]
  private readonly cursors = new ChainCursors()

  constructor(
    private readonly model: ConnectionModel,
    pins: readonly DecoderPin[]
  ) {
    this.pins = pins.map((pin) => ({ matches: compileTopicFilter(pin.filter), decoder: pin.decoder }))
  }

  /** The decoded text of the message at log position `seq` of `topic`, undefined when decoding adds nothing. */
  textOf(topic: string, seq: number): string | undefined {
    const choice: DecoderChoice = this.pins.find((pin) => pin.matches(topic))?.decoder ?? 'auto'
    const bytes = this.model.log.payload(seq, Number.POSITIVE_INFINITY)
    if ((choice === 'auto' || choice === 'sparkplug') && isSparkplugTopic(topic)) {
      const history = sparkplugHistoryAt(this.model, topic, seq, this.cursors)
      return searchableText(sparkplugResult(decodeWithHistory({ topic, payload: bytes, receivedAt: this.model.log.receivedAtOf(seq) }, history)))
    }
    // Outside Sparkplug, auto-detection adds words to the raw bytes only for pictures: JSON and text read as they
    // are (so a JSON flood is not parsed for nothing), CBOR and MessagePack are never guessed, and Protobuf needs
    // a profile's compiled schemas, which searches do not carry yet.
    if (choice === 'auto') return mayBeImage(bytes) && findImage(bytes) ? searchableText(decodePayload({ bytes, topic }, NO_SCHEMAS, 'image')) : undefined
    return searchableText(decodePayload({ bytes, topic }, NO_SCHEMAS, choice))
  }
}
