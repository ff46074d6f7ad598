import { encode as cborEncode } from 'cborg'
import { encode as msgpackEncode } from '@msgpack/msgpack'
import { describe, expect, it } from 'vitest'
import { decodePayload, SparkplugState, type SparkplugMessage } from '../decoders'
import { encodePayload } from '../decoders/sparkplug/test/edgeNode'
import { extractField, isDecodedDecoding, isPathError, parseFieldPath, plotNumber, plottableValueFields, sparkplugFields, type FieldPath } from './index'

const path = (text: string): FieldPath => {
  const parsed = parseFieldPath(text)
  if (isPathError(parsed)) throw new Error(parsed.error)
  return parsed
}
const NO_SCHEMAS = { protobuf: null }
const decodedValue = (bytes: Uint8Array, decoder: 'cbor' | 'msgpack'): unknown => {
  const result = decodePayload({ bytes, topic: 't' }, NO_SCHEMAS, decoder)
  if (!result.ok || result.decoded.kind !== 'value') throw new Error('did not decode')
  return result.decoded.value
}
const fieldNumber = (value: unknown, text: string): number => plotNumber(extractField(value, path(text)))

describe('fields of decoded values', () => {
  it('reads paths into CBOR and MessagePack values: bigint, booleans, numeric strings, dates; the rest are gaps', () => {
    const cbor = decodedValue(cborEncode({ t: { c: 21.5 }, big: 2n ** 60n, on: true, text: '7.25', list: [1, 2, 3], name: 'boiler' }), 'cbor')
    expect(fieldNumber(cbor, 't.c')).toBe(21.5)
    expect(fieldNumber(cbor, 'big')).toBe(2 ** 60)
    expect(fieldNumber(cbor, 'on')).toBe(1)
    expect(fieldNumber(cbor, 'text')).toBe(7.25)
    expect(fieldNumber(cbor, 'list[2]')).toBe(3)
    expect(fieldNumber(cbor, 'name')).toBeNaN()
    expect(fieldNumber(cbor, 't')).toBeNaN()
    expect(fieldNumber(cbor, 'missing.x')).toBeNaN()
    const at = new Date(1_767_000_000_000)
    const msgpack = decodedValue(msgpackEncode({ when: at, off: false, n: -3 }), 'msgpack')
    expect([fieldNumber(msgpack, 'when'), fieldNumber(msgpack, 'off'), fieldNumber(msgpack, 'n')]).toEqual([at.getTime(), 0, -3])
  })

  it('reads Maps with number keys (CBOR and MessagePack allow them) by index or key', () => {
    const value = decodedValue(cborEncode(new Map<unknown, unknown>([[1, 10], ['a', new Map([[2, 20]])]]), { mapSorter: () => 0 }), 'cbor')
    expect(value).toBeInstanceOf(Map)
    expect(fieldNumber(value, '[1]')).toBe(10)
    expect(fieldNumber(value, 'a[2]')).toBe(20)
    expect(plottableValueFields(value)).toEqual(['[1]', 'a[2]'])
  })

  it('lists the plottable fields of a decoded value, skipping byte strings and text', () => {
    const value = decodedValue(cborEncode({ a: 1, raw: new Uint8Array([1, 2, 3]), s: 'x', nested: { ok: true, list: [0.5] } }), 'cbor')
    expect(plottableValueFields(value)).toEqual(['a', 'nested.ok', 'nested.list[0]'])
    expect(plottableValueFields(42)).toEqual([''])
    expect(plottableValueFields({ a: [1, 2, 3, 4] }, 2)).toEqual(['a[0]', 'a[1]'])
  })

  it('names the decodings that decode the whole payload', () => {
    expect(['cbor', 'msgpack', 'protobuf', 'sparkplug'].every(isDecodedDecoding)).toBe(true)
    expect(['auto', 'json', 'text', 'hex', undefined].some(isDecodedDecoding)).toBe(false)
  })
})

describe('Sparkplug metrics by name', () => {
  const NBIRTH = 'spBv1.0/G/NBIRTH/E'
  const NDATA = 'spBv1.0/G/NDATA/E'
  const birth = encodePayload({
    timestamp: 1_767_000_000_000,
    seq: 0,
    metrics: [
      { name: 'bdSeq', datatype: 'UInt64', longValue: 3 },
      { name: 'Temperature', alias: 1, datatype: 'Float', floatValue: 20 },
      { name: 'Node Control/Rebirth', alias: 2, datatype: 'Boolean', booleanValue: false },
      { name: 'Label', alias: 3, datatype: 'String', stringValue: 'hot' }
    ]
  })

  const decoded = (state: SparkplugState, topic: string, bytes: Uint8Array): SparkplugMessage => {
    const outcome = state.observe(topic, bytes, 0)
    if (!outcome.ok) throw new Error(outcome.error)
    return outcome.message
  }

  it('reads metrics by the name the birth gave their alias, the last value of a metric sent twice, and bdSeq, seq, timestamp', () => {
    const state = new SparkplugState()
    const born = sparkplugFields(decoded(state, NBIRTH, birth))
    expect(fieldNumber(born, 'bdSeq')).toBe(3)
    expect(fieldNumber(born, 'metrics.Temperature')).toBe(20)
    const data = sparkplugFields(decoded(state, NDATA, encodePayload({ timestamp: 1_767_000_000_500, seq: 1, metrics: [{ alias: 1, floatValue: 21.5 }, { alias: 2, booleanValue: true }, { alias: 1, floatValue: 22 }, { alias: 3, stringValue: 'warm' }] })))
    expect(fieldNumber(data, 'metrics["Temperature"]')).toBe(22)
    expect(fieldNumber(data, 'metrics["Node Control/Rebirth"]')).toBe(1)
    expect(fieldNumber(data, 'metrics.Label')).toBeNaN()
    expect(fieldNumber(data, 'metrics.Missing')).toBeNaN()
    expect([fieldNumber(data, 'seq'), fieldNumber(data, 'timestamp')]).toEqual([1, 1_767_000_000_500])
    expect(plottableValueFields(data)).toEqual(['timestamp', 'seq', 'metrics.Temperature', 'metrics["Node Control/Rebirth"]'])
  })

  it('reads a Template instance\'s members by name under the metric', () => {
    const state = new SparkplugState()
    // Member datatypes by number: the test encoder maps names only at the top level (3 Int32, 10 Double).
    const members = [{ name: 'Offset', datatype: 3, intValue: 0 }, { name: 'Speed', datatype: 10, doubleValue: 0 }]
    decoded(state, NBIRTH, encodePayload({ seq: 0, metrics: [{ name: 'Motor1', alias: 4, datatype: 'Template', templateValue: { templateRef: 'Motor', metrics: members } }] }))
    const data = sparkplugFields(decoded(state, NDATA, encodePayload({ seq: 1, metrics: [{ alias: 4, templateValue: { templateRef: 'Motor', metrics: [{ name: 'Offset', intValue: -12 >>> 0 }, { name: 'Speed', doubleValue: 3.5 }] } }] })))
    expect([fieldNumber(data, 'metrics.Motor1.Offset'), fieldNumber(data, 'metrics.Motor1.Speed')]).toEqual([-12, 3.5])
    expect(plottableValueFields(data)).toEqual(['seq', 'metrics.Motor1.Offset', 'metrics.Motor1.Speed'])
  })

  it('reads a metric called like an object property as a metric', () => {
    const state = new SparkplugState()
    const fields = sparkplugFields(decoded(state, NBIRTH, encodePayload({ seq: 0, metrics: [{ name: 'constructor', datatype: 'Int32', intValue: 5 }] })))
    expect(fieldNumber(fields, 'metrics.constructor')).toBe(5)
    expect(fieldNumber(fields, 'metrics.toString')).toBeNaN()
  })
})
