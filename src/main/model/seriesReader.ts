// How one chart series reads a stored message's number: JSON and number text in place (the fast path, no copy
// and no parse of what is not read), or, for a decoded series, the whole payload decoded when the query asks.
import { decodePayload, isSparkplugTopic, protobufRuleFor, SparkplugState, type DecodeResult, type DecoderContext, type ProfileDecoders, type SparkplugMessage } from '../../shared/decoders'
import { extractField, isDecodedDecoding, isPathError, parseFieldPath, payloadReader, plotNumber, sparkplugFields, type FieldPath, type PayloadReader, type SeriesDecoding } from '../../shared/series'
import type { ConnectionModel } from './connectionModel'
import { storedDecoderFor } from './decodedText'
import { absentReadsZero } from './protobufZero'
import { birthsAt, ChainCursors } from './sparkplugHistory'

/** Reads the number of a whole payload that has to be decoded; `seq` is its log position, for what it depends on (births). */
export interface DecodedReader {
  valueAt(seq: number, bytes: Uint8Array): number
}

/** A series' reader: in place from the bytes (a function), or by decoding each payload. */
export type SeriesReader = PayloadReader | DecodedReader

/** What a series reads, as the contract checked it. */
export interface ReaderSpec {
  topic: string
  path: string
  decoding?: SeriesDecoding | undefined
}

const NO_SCHEMAS: DecoderContext = { protobuf: null }

/**
 * The reader for a series: `auto` takes the decoder the profile gives the topic, as search does (a pin, Sparkplug
 * on spBv1.0 topics, a Protobuf rule); CBOR, MessagePack, Protobuf and Sparkplug decode, anything else reads in place.
 */
export function seriesReader(model: ConnectionModel, spec: ReaderSpec, decoders: ProfileDecoders | undefined): SeriesReader {
  const path = parseFieldPath(spec.path)
  // The contract checked the path; a caller inside main that did not gets a sentence.
  if (isPathError(path)) throw new Error(path.error)
  const decoding = spec.decoding ?? 'auto'
  const decoder = decoding === 'auto' ? storedDecoderFor(spec.topic, decoders) : decoding
  if (!isDecodedDecoding(decoder)) return payloadReader(path)
  if (decoder === 'sparkplug' && isSparkplugTopic(spec.topic)) return new SparkplugReader(model, spec.topic, path)
  const context = decoders?.context ?? NO_SCHEMAS
  const zeroWhenAbsent = decoder === 'protobuf' && absentReadsZero(protobufRuleFor(context.protobuf, spec.topic)?.type, path)
  return { valueAt: (_seq, bytes) => resultNumber(decodePayload({ bytes, topic: spec.topic }, context, decoder), path, zeroWhenAbsent) }
}

/**
 * The number a decoded payload holds at `path`; NaN (a gap) when it did not decode or holds no number there.
 * `zeroWhenAbsent`: a missing last field of a present message is 0 (Protobuf leaves defaults out).
 */
function resultNumber(result: DecodeResult, path: FieldPath, zeroWhenAbsent = false): number {
  if (!result.ok) return Number.NaN
  const decoded = result.decoded
  const value = decoded.kind === 'value' ? decoded.value : decoded.kind === 'sparkplug' ? sparkplugFields(decoded.message as SparkplugMessage) : undefined
  const found = extractField(value, path)
  if (found === undefined && zeroWhenAbsent && isObject(extractField(value, path.slice(0, -1)))) return 0
  return plotNumber(found)
}

function isObject(value: unknown): boolean {
  return value !== null && typeof value === 'object'
}

/**
 * Sparkplug metrics by name: data sent by alias resolves against the births in force when it arrived. Points are
 * read newest first and a birth holds for many of them, so the state of those births is kept until they change.
 */
class SparkplugReader implements DecodedReader {
  private readonly cursors = new ChainCursors()
  private state = new SparkplugState()
  private births = ''

  constructor(
    private readonly model: ConnectionModel,
    private readonly topic: string,
    private readonly path: FieldPath
  ) {}

  valueAt(seq: number, bytes: Uint8Array): number {
    const births = birthsAt(this.model, this.topic, seq, this.cursors)
    const key = births.map((birth) => birth.seq).join(',')
    if (key !== this.births) {
      this.state = new SparkplugState()
      const log = this.model.log
      for (const birth of births) this.state.observe(birth.topic, log.payload(birth.seq, Number.POSITIVE_INFINITY), log.receivedAtOf(birth.seq))
      this.births = key
    }
    const outcome = this.state.decode(this.topic, bytes)
    return outcome.ok ? plotNumber(extractField(sparkplugFields(outcome.message), this.path)) : Number.NaN
  }
}
