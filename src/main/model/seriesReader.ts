// How one chart series reads a stored message's number: JSON and number text in place (the fast path, no copy
// and no parse of what is not read), or, for a decoded series, the whole payload decoded when the query asks.
import { isSparkplugTopic, protobufRuleFor, SparkplugState, type DecoderContext, type ProfileDecoders } from '../../shared/decoders'
import { decodeCbor } from '../../shared/decoders/cbor'
import { decodeMsgpack } from '../../shared/decoders/msgpack'
import { decodeProtobuf } from '../../shared/decoders/protobufReader'
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
const GAPS: DecodedReader = { valueAt: () => Number.NaN }

/**
 * The reader for a series: `auto` takes the decoder the profile gives the topic, as search does (a pin, Sparkplug
 * on spBv1.0 topics, a Protobuf rule); CBOR, MessagePack, Protobuf and Sparkplug decode, anything else reads in
 * place. Decoding goes straight to the value (the viewer's summary line is not made for each point).
 */
export function seriesReader(model: ConnectionModel, spec: ReaderSpec, decoders: ProfileDecoders | undefined): SeriesReader {
  const path = parseFieldPath(spec.path)
  // The contract checked the path; a caller inside main that did not gets a sentence.
  if (isPathError(path)) throw new Error(path.error)
  const decoding = spec.decoding ?? 'auto'
  const decoder = decoding === 'auto' ? storedDecoderFor(spec.topic, decoders) : decoding
  if (!isDecodedDecoding(decoder)) return payloadReader(path)
  switch (decoder) {
    case 'cbor': return valueReader(decodeCbor, path, false)
    case 'msgpack': return valueReader(decodeMsgpack, path, false)
    case 'protobuf': {
      // Without a rule for the topic (or with .proto files that do not compile) there is no type to read by.
      const type = protobufRuleFor((decoders?.context ?? NO_SCHEMAS).protobuf, spec.topic)?.type
      return type ? valueReader((bytes) => decodeProtobuf(type, bytes), path, absentReadsZero(type, path)) : GAPS
    }
    case 'sparkplug': return isSparkplugTopic(spec.topic) ? new SparkplugReader(model, spec.topic, path) : GAPS
  }
}

/**
 * Decodes each payload and reads `path` in the value; a payload that does not decode is a gap. `zeroWhenAbsent`:
 * a missing last field of a present message is 0 (Protobuf leaves fields at their default out of the wire).
 */
function valueReader(decode: (bytes: Uint8Array) => unknown, path: FieldPath, zeroWhenAbsent: boolean): DecodedReader {
  const parent = path.slice(0, -1)
  return {
    valueAt: (_seq, bytes) => {
      let value: unknown
      try {
        value = decode(bytes)
      } catch {
        return Number.NaN
      }
      const found = extractField(value, path)
      if (found === undefined && zeroWhenAbsent && isObject(extractField(value, parent))) return 0
      return plotNumber(found)
    }
  }
}

function isObject(value: unknown): boolean {
  return value !== null && typeof value === 'object'
}

/**
 * Sparkplug metrics by name: data sent by alias resolves against the births in force when it arrived. Points are
 * read newest first, and the births found for one position hold for every position down to the newest of them
 * (no birth lies between), so those births are looked up and replayed again only outside that span.
 */
class SparkplugReader implements DecodedReader {
  private readonly cursors = new ChainCursors()
  private state = new SparkplugState()
  /** Log positions (lowest, highest] the births replayed into `state` are in force for. */
  private span = { lowest: 0, highest: -1 }

  constructor(
    private readonly model: ConnectionModel,
    private readonly topic: string,
    private readonly path: FieldPath
  ) {}

  valueAt(seq: number, bytes: Uint8Array): number {
    if (seq <= this.span.lowest || seq > this.span.highest) this.replayBirthsAt(seq)
    const outcome = this.state.decode(this.topic, bytes)
    return outcome.ok ? plotNumber(extractField(sparkplugFields(outcome.message), this.path)) : Number.NaN
  }

  private replayBirthsAt(seq: number): void {
    const births = birthsAt(this.model, this.topic, seq, this.cursors)
    const log = this.model.log
    this.state = new SparkplugState()
    for (const birth of births) this.state.observe(birth.topic, log.payload(birth.seq, Number.POSITIVE_INFINITY), log.receivedAtOf(birth.seq))
    this.span = { lowest: births.reduce((newest, birth) => Math.max(newest, birth.seq), Number.NEGATIVE_INFINITY), highest: seq }
  }
}
