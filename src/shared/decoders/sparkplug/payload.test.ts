import { describe, expect, it } from 'vitest'
import { encodePayload, type MetricSpec } from './test/edgeNode'
import { SparkplugState } from './state'
import type { SparkplugEdgeMessage, SparkplugMetric } from './types'

const BIRTH = 'spBv1.0/G/NBIRTH/E'
const DATA = 'spBv1.0/G/NDATA/E'

function birthMetric(spec: MetricSpec): SparkplugMetric {
  const outcome = new SparkplugState().observe(BIRTH, encodePayload({ seq: 0, metrics: [spec] }), 0)
  if (!outcome.ok) throw new Error(outcome.error)
  const metric = (outcome.message as SparkplugEdgeMessage).metrics[0]
  if (!metric) throw new Error('no metric')
  return metric
}

const value = (spec: MetricSpec): unknown => birthMetric({ name: 'm', ...spec }).value

function le(size: number, values: (number | bigint)[], set: (v: DataView, at: number, x: never) => void): Uint8Array {
  const bytes = new Uint8Array(size * values.length)
  const view = new DataView(bytes.buffer)
  values.forEach((x, i) => set(view, i * size, x as never))
  return bytes
}

describe('Sparkplug datatypes', () => {
  it('reads signed integers by their datatype (Int8, Int16, Int32 travel as uint32)', () => {
    expect(value({ datatype: 'Int8', intValue: -12 })).toBe(-12)
    expect(value({ datatype: 'Int8', intValue: 244 })).toBe(-12)
    expect(value({ datatype: 'Int16', intValue: -30000 })).toBe(-30000)
    expect(value({ datatype: 'Int32', intValue: -12 })).toBe(-12)
    expect(value({ datatype: 'Int32', intValue: 2147483647 })).toBe(2147483647)
    expect(value({ datatype: 'Int64', longValue: -9007199254740993n })).toBe(-9007199254740993n)
  })

  it('reads unsigned integers, UInt64 exactly beyond 2^53', () => {
    expect(value({ datatype: 'UInt8', intValue: 255 })).toBe(255)
    expect(value({ datatype: 'UInt16', intValue: 65535 })).toBe(65535)
    expect(value({ datatype: 'UInt32', intValue: 4294967295 })).toBe(4294967295)
    expect(value({ datatype: 'UInt32', longValue: 4294967295 })).toBe(4294967295)
    expect(value({ datatype: 'UInt64', longValue: 18446744073709551615n })).toBe(18446744073709551615n)
  })

  it('reads floats with float32 digits, doubles, booleans, strings and DateTime', () => {
    expect(value({ datatype: 'Float', floatValue: 21.3 })).toBe(21.3)
    expect(value({ datatype: 'Double', doubleValue: 1013.2512345 })).toBe(1013.2512345)
    expect(value({ datatype: 'Boolean', booleanValue: true })).toBe(true)
    expect(value({ datatype: 'String', stringValue: 'Grüße' })).toBe('Grüße')
    expect(value({ datatype: 'Text', stringValue: 'long text' })).toBe('long text')
    expect(value({ datatype: 'UUID', stringValue: '2f1c…' })).toBe('2f1c…')
    expect(value({ datatype: 'DateTime', longValue: 1_767_000_000_123 })).toBe(1_767_000_000_123)
  })

  it('reads Bytes and File as bytes, with the file metadata', () => {
    expect(value({ datatype: 'Bytes', bytesValue: new Uint8Array([1, 2, 255]) })).toEqual(new Uint8Array([1, 2, 255]))
    const file = birthMetric({ name: 'f', datatype: 'File', bytesValue: new Uint8Array([9]), metadata: { fileName: 'a.txt', size: 1 } })
    expect(file.metadata).toEqual({ fileName: 'a.txt', size: 1n })
  })

  it('reads is_null as null whatever the datatype', () => {
    expect(birthMetric({ name: 'n', datatype: 'Int32', isNull: true })).toMatchObject({ value: null, isNull: true })
  })

  it('reads the packed little-endian arrays of Sparkplug 3.0', () => {
    const bytesOf = (datatype: string, bytes: Uint8Array): unknown => value({ datatype, bytesValue: bytes })
    expect(bytesOf('Int8Array', new Uint8Array([0xe9, 0x7b]))).toEqual([-23, 123])
    expect(bytesOf('Int16Array', le(2, [-2, 300], (v, at, x: number) => v.setInt16(at, x, true)))).toEqual([-2, 300])
    expect(bytesOf('Int32Array', le(4, [123456789, -987654321], (v, at, x: number) => v.setInt32(at, x, true)))).toEqual([123456789, -987654321])
    expect(bytesOf('Int64Array', le(8, [-1n, 2n ** 60n], (v, at, x: bigint) => v.setBigInt64(at, x, true)))).toEqual([-1n, 2n ** 60n])
    expect(bytesOf('UInt8Array', new Uint8Array([255, 0]))).toEqual([255, 0])
    expect(bytesOf('UInt16Array', le(2, [65535], (v, at, x: number) => v.setUint16(at, x, true)))).toEqual([65535])
    expect(bytesOf('UInt32Array', le(4, [4294967295], (v, at, x: number) => v.setUint32(at, x, true)))).toEqual([4294967295])
    expect(bytesOf('UInt64Array', le(8, [2n ** 64n - 1n], (v, at, x: bigint) => v.setBigUint64(at, x, true)))).toEqual([2n ** 64n - 1n])
    expect(bytesOf('FloatArray', le(4, [1.23, 89.341], (v, at, x: number) => v.setFloat32(at, x, true)))).toEqual([1.23, 89.341])
    expect(bytesOf('DoubleArray', le(8, [12.354213], (v, at, x: number) => v.setFloat64(at, x, true)))).toEqual([12.354213])
    expect(bytesOf('DateTimeArray', le(8, [1_767_000_000_000n], (v, at, x: bigint) => v.setBigInt64(at, x, true)))).toEqual([1_767_000_000_000])
    // The specification's own examples.
    const booleans = new Uint8Array([0x0c, 0x00, 0x00, 0x00, 0x34, 0xd0])
    expect(bytesOf('BooleanArray', booleans)).toEqual([false, false, true, true, false, true, false, false, true, true, false, true])
    const strings = new Uint8Array([0x41, 0x42, 0x43, 0x00, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x00])
    expect(bytesOf('StringArray', strings)).toEqual(['ABC', 'hello'])
  })

  it('reads a DataSet with each column typed', () => {
    const dataset = {
      numOfColumns: 3,
      columns: ['id', 'offset', 'label'],
      types: [7, 3, 12],
      rows: [
        { elements: [{ intValue: 1 }, { intValue: -12 }, { stringValue: 'a' }] },
        { elements: [{ intValue: 2 }, { intValue: 5 }, { stringValue: 'b' }] }
      ]
    }
    expect(value({ datatype: 'DataSet', datasetValue: dataset })).toEqual({
      columns: ['id', 'offset', 'label'],
      types: ['UInt32', 'Int32', 'String'],
      rows: [[1, -12, 'a'], [2, 5, 'b']]
    })
  })

  it('reads a Template instance with parameters and member metrics', () => {
    const template = {
      templateRef: 'Motor',
      version: 'v1',
      isDefinition: false,
      parameters: [{ name: 'poles', type: 3, intValue: -4 }],
      metrics: [{ name: 'RPM', datatype: 9, floatValue: 1450.5 }, { name: 'Running', datatype: 11, booleanValue: true }]
    }
    expect(value({ datatype: 'Template', templateValue: template })).toMatchObject({
      templateRef: 'Motor',
      version: 'v1',
      isDefinition: false,
      parameters: [{ name: 'poles', type: 'Int32', value: -4 }],
      metrics: [{ name: 'RPM', datatype: 'Float', value: 1450.5 }, { name: 'Running', datatype: 'Boolean', value: true }]
    })
  })

  it('template data that leaves member datatypes out takes them from the birth', () => {
    const state = new SparkplugState()
    const members = [{ name: 'Offset', datatype: 3, intValue: 0 }]
    state.observe(BIRTH, encodePayload({ seq: 0, metrics: [{ name: 'Motor1', alias: 4, datatype: 'Template', templateValue: { templateRef: 'Motor', metrics: members } }] }), 0)
    const data = encodePayload({ seq: 1, metrics: [{ alias: 4, templateValue: { templateRef: 'Motor', metrics: [{ name: 'Offset', intValue: -12 }] } }] })
    const outcome = state.observe(DATA, data, 1)
    expect(outcome.ok && outcome.message.type === 'NDATA' && outcome.message.metrics[0]?.value).toMatchObject({
      metrics: [{ name: 'Offset', datatype: 'Int32', value: -12, fromBirth: true }]
    })
  })

  it('reads PropertySets (nested ones and lists too) as plain objects of typed values', () => {
    const metric = birthMetric({
      name: 'p',
      datatype: 'Float',
      floatValue: 1,
      properties: {
        keys: ['Quality', 'engUnit', 'limits', 'history', '__proto__'],
        values: [
          { type: 3, intValue: 192 },
          { type: 12, stringValue: '°C' },
          { type: 20, propertysetValue: { keys: ['low'], values: [{ type: 3, intValue: -40 }] } },
          { type: 21, propertysetsValue: { propertyset: [{ keys: ['a'], values: [{ type: 11, booleanValue: true }] }] } },
          { type: 12, isNull: true }
        ]
      }
    })
    expect(metric.properties).toEqual({ Quality: 192, engUnit: '°C', limits: { low: -40 }, history: [{ a: true }], ['__proto__']: null })
    expect(Object.getPrototypeOf(metric.properties)).toBe(Object.prototype)
  })
})

describe('Sparkplug payload errors', () => {
  const birth = encodePayload({ timestamp: 1, seq: 0, metrics: [{ name: 'bdSeq', datatype: 'UInt64', longValue: 0 }, { name: 'x', alias: 1, datatype: 'Int32', intValue: 1 }] })

  it('a truncated payload fails with a sentence naming the byte, and teaches the state nothing', () => {
    const state = new SparkplugState()
    const cut = birth.subarray(0, birth.length - 3)
    expect(state.observe(BIRTH, cut, 1)).toEqual({
      ok: false,
      error: `This is not a Sparkplug B payload: the protobuf data ends early at byte ${cut.length} (truncated?).`
    })
    expect(state.node('G', 'E')).toBeUndefined()
    expect(state.observe(BIRTH, birth, 2).ok).toBe(true)
    expect(state.node('G', 'E')?.online).toBe(true)
  })

  it('JSON on a Sparkplug topic is refused in a sentence', () => {
    const outcome = new SparkplugState().observe(DATA, new TextEncoder().encode('{"temperature":21.5}'), 1)
    expect(outcome).toEqual({
      ok: false,
      error: 'This is not a Sparkplug B payload: field 15 at byte 0 is a protobuf group, which Sparkplug payloads never contain.'
    })
  })

  it('names the field whose wire type is wrong, an undefined wire type, an overlong number and field number 0', () => {
    const decode = (bytes: number[]): string => {
      const outcome = new SparkplugState().decode(DATA, new Uint8Array(bytes))
      return outcome.ok ? 'decoded' : outcome.error
    }
    expect(decode([0x10, 0x01])).toBe('This is not a Sparkplug B payload: field 2 (metrics) at byte 0 has wire type 0 where the schema says 2.')
    expect(decode([0x37])).toContain('field 6 at byte 0 has wire type 7, which protobuf does not define')
    expect(decode([0x08, ...Array(10).fill(0xff), 0x01])).toContain('longer than the 10 bytes protobuf allows')
    expect(decode([0x00])).toContain('a field number 0 appears at byte 0')
  })

  it('an empty payload is an NDATA without metrics (protobuf allows it)', () => {
    const outcome = new SparkplugState().decode(DATA, new Uint8Array())
    expect(outcome.ok && outcome.message.type === 'NDATA' && outcome.message.metrics).toEqual([])
  })

  it('refuses topics that are not Sparkplug B, naming what is wrong', () => {
    const state = new SparkplugState()
    expect(state.decode('sensors/1', birth)).toEqual({ ok: false, error: expect.stringContaining('start with spBv1.0/') })
    expect(state.decode('spBv1.0/G/NFOO/E', birth)).toEqual({ ok: false, error: expect.stringContaining('"NFOO" is not a message type') })
    expect(state.decode('spBv1.0/G/DDATA/E', birth)).toEqual({ ok: false, error: expect.stringContaining('names a group, an edge node and a device') })
    expect(state.decode('spBv1.0/G/NDATA/E/D', birth)).toEqual({ ok: false, error: expect.stringContaining('and no device') })
  })
})
