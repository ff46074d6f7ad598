import { encode as cborEncode } from 'cborg'
import { encode as msgpackEncode } from '@msgpack/msgpack'
import protobuf from 'protobufjs'
import { describe, expect, it } from 'vitest'
import { emptyDecoderPrefs, type DecoderPrefs, type ReceivedMessage } from '../../shared/contract'
import { profileDecoders } from '../../shared/decoders'
import { encodePayload, type MetricSpec } from '../../shared/decoders/sparkplug/test/edgeNode'
import { ConnectionModel } from './connectionModel'
import { seriesQuery } from './seriesQuery'
import { defaultModelSettings } from './settings'

const msg = (topic: string, payload: Uint8Array, receivedAt: number): ReceivedMessage => ({ topic, payload, qos: 0, retain: false, dup: false, receivedAt })
const newModel = (): ConnectionModel => new ConnectionModel(() => defaultModelSettings)
const prefs = (patch: Partial<DecoderPrefs>): DecoderPrefs => ({ ...emptyDecoderPrefs(), ...patch })
const values = (model: ConnectionModel, topic: string, path: string, decoding?: 'auto' | 'json' | 'cbor' | 'msgpack' | 'protobuf' | 'sparkplug', settings?: DecoderPrefs): number[] => {
  const [series] = seriesQuery(model, [{ topic, path, ...(decoding ? { decoding } : {}) }], undefined, 1000, settings ? profileDecoders(settings) : undefined)
  return [...series!.values]
}

describe('series of decoded payloads', () => {
  it('reads a field of CBOR and MessagePack payloads, gaps for what is not a number or not the format', () => {
    const model = newModel()
    ;[20.5, 21, 'n/a', 22n].forEach((t, i) => model.ingest(msg('d/cbor', cborEncode({ t, on: i % 2 === 0 }), 100 + i)))
    model.ingest(msg('d/cbor', new TextEncoder().encode('{"t":1'), 200))
    expect(values(model, 'd/cbor', 't', 'cbor')).toEqual([20.5, 21, Number.NaN, 22, Number.NaN])
    expect(values(model, 'd/cbor', 'on', 'cbor')).toEqual([1, 0, 1, 0, Number.NaN])
    // Left on auto without a pin, the bytes are read as JSON and number text, as before decodings existed.
    expect(values(model, 'd/cbor', 't')).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN])
    ;[1, 2, 3].forEach((n) => model.ingest(msg('d/mp', msgpackEncode({ list: [n, n * 10] }), n)))
    expect(values(model, 'd/mp', 'list[1]', 'msgpack')).toEqual([10, 20, 30])
  })

  it('decodes an auto series as the profile pins its topic, and reads JSON in place when told to', () => {
    const model = newModel()
    ;[1, 2].forEach((n) => model.ingest(msg('pinned/a', cborEncode({ v: n }), n)))
    const pinned = prefs({ pins: [{ filter: 'pinned/#', decoder: 'cbor' }] })
    expect(values(model, 'pinned/a', 'v', 'auto', pinned)).toEqual([1, 2])
    expect(values(model, 'pinned/a', 'v', 'json', pinned)).toEqual([Number.NaN, Number.NaN])
    model.ingest(msg('plain/j', new TextEncoder().encode('{"v":7}'), 3))
    expect(values(model, 'plain/j', 'v', 'auto', pinned)).toEqual([7])
  })

  it('decodes Protobuf by the profile\'s rule for the topic', () => {
    const source = 'syntax = "proto3"; package f; message Reading { double value = 1; int64 count = 2; bool ok = 3; }'
    const Reading = protobuf.parse(source, { keepCase: true }).root.lookupType('f.Reading')
    const model = newModel()
    ;[1.5, 2.5].forEach((value, i) => model.ingest(msg('factory/r', Reading.encode(Reading.fromObject({ value, count: 1000 + i, ok: i === 1 })).finish(), i)))
    const settings = prefs({ protoFiles: [{ name: 'r.proto', source }], protobufRules: [{ filter: 'factory/#', type: 'f.Reading' }] })
    expect(values(model, 'factory/r', 'value', undefined, settings)).toEqual([1.5, 2.5])
    expect(values(model, 'factory/r', 'count', 'protobuf', settings)).toEqual([1000, 1001])
    // proto3 leaves false and 0 out of the wire: they plot as 0, not as gaps; a field the type lacks is a gap.
    expect(values(model, 'factory/r', 'ok', undefined, settings)).toEqual([0, 1])
    model.ingest(msg('factory/r', Reading.encode(Reading.fromObject({ value: 0 })).finish(), 9))
    expect(values(model, 'factory/r', 'value', undefined, settings)).toEqual([1.5, 2.5, 0])
    expect(values(model, 'factory/r', 'nope', undefined, settings)).toEqual([Number.NaN, Number.NaN, Number.NaN])
    // Without the profile's schemas Protobuf cannot decode: gaps, not an error.
    expect(values(model, 'factory/r', 'value', 'protobuf')).toEqual([Number.NaN, Number.NaN, Number.NaN])
  })

  describe('Sparkplug', () => {
    const NBIRTH = 'spBv1.0/Plant/NBIRTH/Line'
    const DBIRTH = 'spBv1.0/Plant/DBIRTH/Line/Press'
    const DDATA = 'spBv1.0/Plant/DDATA/Line/Press'
    let clock = 1000
    const publish = (model: ConnectionModel, topic: string, seq: number, metrics: MetricSpec[]): void =>
      model.ingest(msg(topic, encodePayload({ timestamp: 1_767_000_000_000 + clock, seq, metrics }), clock++))
    const born = (model: ConnectionModel, session: number, names: [string, string]): void => {
      publish(model, NBIRTH, 0, [{ name: 'bdSeq', datatype: 'UInt64', longValue: session }])
      publish(model, DBIRTH, 1, [{ name: names[0], alias: 1, datatype: 'Double', doubleValue: 0 }, { name: names[1], alias: 2, datatype: 'Int64', longValue: 0 }])
    }

    it('plots a metric by name from data sent by alias, with the names of the birth in force at each message', () => {
      const model = newModel()
      born(model, 0, ['Temperature', 'Count'])
      publish(model, DDATA, 2, [{ alias: 1, doubleValue: 20.5 }, { alias: 2, longValue: 7 }])
      publish(model, DDATA, 3, [{ alias: 1, doubleValue: 21.5 }])
      // A rebirth swaps the aliases: later data reads by the new names.
      born(model, 1, ['Count', 'Temperature'])
      publish(model, DDATA, 2, [{ alias: 2, longValue: 23 }, { alias: 1, doubleValue: 9 }])
      expect(values(model, DDATA, 'metrics["Temperature"]')).toEqual([20.5, 21.5, 23])
      expect(values(model, DDATA, 'metrics.Count', 'sparkplug')).toEqual([7, Number.NaN, 9])
      expect(values(model, DDATA, 'seq')).toEqual([2, 3, 2])
      expect(values(model, NBIRTH, 'bdSeq')).toEqual([0, 1])
      const [times] = seriesQuery(model, [{ topic: DDATA, path: 'timestamp' }], undefined, 10)
      expect([...times!.values]).toEqual([...times!.times].map((t) => 1_767_000_000_000 + t))
    })

    it('reads gaps where no birth names an alias or the payload is not Sparkplug', () => {
      const model = newModel()
      publish(model, DDATA, 2, [{ alias: 1, doubleValue: 20.5 }])
      model.ingest(msg(DDATA, new Uint8Array([0xff, 0xff]), clock++))
      publish(model, DDATA, 3, [{ name: 'Temperature', datatype: 'Double', doubleValue: 4 }])
      expect(values(model, DDATA, 'metrics.Temperature')).toEqual([Number.NaN, Number.NaN, 4])
    })
  })
})
