import { encode as cborEncode } from 'cborg'
import protobuf from 'protobufjs'
import { describe, expect, it } from 'vitest'
import { emptyDecoderPrefs, type MessageRecord } from '@shared/contract'
import { profileDecoders } from '@shared/decoders'
import { encodePayload } from '@shared/decoders/sparkplug/test/edgeNode'
import { imageFixtures } from '@shared/decoders/test/imageFixtures'
import { payloadSummary } from './payloadSummary'

function record(payload: Uint8Array, size = payload.length): MessageRecord {
  return { seq: 1, receivedAt: 1, qos: 0, retain: false, dup: false, size, payload, truncated: size > payload.length, large: false, payloadEvicted: false }
}

const NBIRTH = 'spBv1.0/P/NBIRTH/L'
const DDATA = 'spBv1.0/P/DDATA/L/Press'
const DBIRTH = 'spBv1.0/P/DBIRTH/L/Press'

describe('payload summaries', () => {
  it('names and types alias-only Sparkplug data from the births the page holds, and follows a rebirth', () => {
    const births = new Map<string, MessageRecord>([
      [NBIRTH, record(encodePayload({ seq: 0, metrics: [{ name: 'bdSeq', datatype: 'UInt64', longValue: 0 }] }))],
      [DBIRTH, record(encodePayload({ seq: 1, metrics: [{ name: 'Offset', alias: 1, datatype: 'Int32', intValue: 0 }] }))]
    ])
    const data = record(encodePayload({ seq: 2, metrics: [{ alias: 1, intValue: -12 >>> 0 }] }))
    const latest = (topic: string): MessageRecord | undefined => births.get(topic)
    expect(payloadSummary(DDATA, data, latest)).toBe('DDATA seq 2 · 1 metric: Offset=-12')
    births.set(DBIRTH, record(encodePayload({ seq: 1, metrics: [{ name: 'Torque', alias: 1, datatype: 'Int32', intValue: 0 }] })))
    expect(payloadSummary(DDATA, data, latest)).toBe('DDATA seq 2 · 1 metric: Torque=-12')
    expect(payloadSummary(DDATA, data, () => undefined)).toMatch(/^DDATA seq 2 · no birth seen · 1 metric: alias 1=/)
    // Without the page's births (an old message in the history list) only what the message itself says.
    expect(payloadSummary(DDATA, record(encodePayload({ seq: 7, metrics: [{ alias: 1, intValue: 3 }, { alias: 2, intValue: 4 }] })))).toBe('DDATA seq 7 · 2 metrics')
  })

  it('says a cut Sparkplug payload decodes when selected, and shows pictures by kind and size', () => {
    const cut = record(new Uint8Array(16), 9000)
    expect(payloadSummary(DDATA, cut, () => undefined)).toBe('Sparkplug B, 8.8 KB (select it to decode the whole payload)')
    const webp = Uint8Array.from(atob(imageFixtures['sensor.webp']), (c) => c.charCodeAt(0))
    expect(payloadSummary('cam/door', record(webp), () => undefined)).toMatch(/^WEBP image 37×21, \d+ B$/)
    expect(payloadSummary('plain', record(new TextEncoder().encode('{"a": 1}')), () => undefined)).toBe('{"a": 1}')
  })

  it('summarises pinned and Protobuf-mapped topics with their decoder, and follows a change of settings', () => {
    const proto = { name: 'r.proto', source: 'syntax = "proto3"; package f; message Reading { double value = 1; }' }
    const Reading = protobuf.parse(proto.source).root.lookupType('f.Reading')
    const settings = { ...emptyDecoderPrefs(), protoFiles: [proto], protobufRules: [{ filter: 'pb/#', type: 'f.Reading' }], pins: [{ filter: 'cbor/#', decoder: 'cbor' as const }] }
    const decoders = profileDecoders(settings)
    const cbor = record(cborEncode({ t: 21.5 }))
    expect(payloadSummary('cbor/a', cbor, undefined, decoders)).toBe('{"t":21.5}')
    expect(payloadSummary('pb/a', record(Reading.encode({ value: 2.5 }).finish()), undefined, decoders)).toBe('Reading {"value":2.5}')
    expect(payloadSummary('pb/a', record(new Uint8Array([0x09, 1])), undefined, decoders)).toMatch(/^This payload is not a valid f\.Reading \(Protobuf\)/)
    expect(payloadSummary('cbor/a', record(new Uint8Array(16), 9000), undefined, decoders)).toBe('CBOR, 8.8 KB (select it to decode the whole payload)')
    // No bytes left: an empty Protobuf message would wrongly read as all defaults.
    expect(payloadSummary('pb/a', { ...record(new Uint8Array(0)), size: 9, payloadEvicted: true }, undefined, decoders)).not.toMatch(/^Reading/)
    // Settings saved without the pin: the same record reads as raw bytes again.
    expect(payloadSummary('cbor/a', cbor, undefined, profileDecoders({ ...settings, pins: [] }))).not.toBe('{"t":21.5}')
  })
})
