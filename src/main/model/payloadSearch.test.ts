import { describe, expect, it } from 'vitest'
import { encode as cbor } from 'cborg'
import protobuf from 'protobufjs'
import { emptyDecoderPrefs, type ReceivedMessage } from '../../shared/contract'
import { profileDecoders } from '../../shared/decoders'
import { encodePayload } from '../../shared/decoders/sparkplug/test/edgeNode'
import { imageFixtures } from '../../shared/decoders/test/imageFixtures'
import { ConnectionModel } from './connectionModel'
import { SearchRunner, type SearchProgress, type SearchQuery } from './search'
import { defaultModelSettings } from './settings'

let clock = 1
const msg = (topic: string, payload: string | Uint8Array): ReceivedMessage => ({
  topic,
  payload: typeof payload === 'string' ? Buffer.from(payload) : Buffer.from(payload),
  qos: 0,
  retain: false,
  dup: false,
  receivedAt: clock++
})

const query = (kind: SearchQuery['kind'], text: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({
  kind,
  query: text,
  caseSensitive: false,
  path: null,
  limit: 1_000,
  timeLimitMs: 5_000,
  ...extra
})

function modelWith(messages: Array<[string, string | Uint8Array]>): ConnectionModel {
  const model = new ConnectionModel(() => defaultModelSettings)
  for (const [topic, payload] of messages) model.ingest(msg(topic, payload))
  return model
}

const runner = new SearchRunner()
const topics = async (model: ConnectionModel, q: SearchQuery): Promise<string[]> => (await runner.run(model, `s${clock++}`, q)).topics.sort()

describe('payload search over what the model holds', () => {
  it('finds a match only in an older message when history is searched', async () => {
    const model = modelWith([['boiler/state', 'ALARM: pressure'], ['boiler/state', 'ok'], ['boiler/temp', '71']])
    for (const kind of ['payload', 'payloadRegex'] as const) {
      expect(await topics(model, query(kind, 'alarm'))).toEqual([])
      expect(await topics(model, query(kind, 'alarm', { history: true }))).toEqual(['boiler/state'])
    }
  })

  it('reads whole payloads, far beyond the preview the tree gets', async () => {
    expect(defaultModelSettings.previewBytes).toBe(4096)
    const model = modelWith([['camera/meta', `${'x'.repeat(100_000)}needle`], ['camera/other', 'x'.repeat(5_000)]])
    expect(await topics(model, query('payload', 'NEEDLE'))).toEqual(['camera/meta'])
    expect(await topics(model, query('payload', 'needle', { caseSensitive: true }))).toEqual(['camera/meta'])
    expect(await topics(model, query('payloadRegex', 'x{99999}needle$'))).toEqual(['camera/meta'])
  })

  it('searches the decoded text: CBOR where a pin says so, a picture by its summary, Sparkplug data sent by alias with the names of its birth', async () => {
    const nbirth = encodePayload({ seq: 0, metrics: [{ name: 'bdSeq', datatype: 'UInt64', longValue: 0 }, { name: 'Boiler/Temperature', alias: 7, datatype: 'Int32', intValue: 20 }] })
    const ndata = encodePayload({ seq: 1, metrics: [{ alias: 7, datatype: 'Int32', intValue: -12 }] })
    const model = modelWith([
      ['plant/press/cbor', cbor({ bar: 4.5, ok: true })],
      ['spBv1.0/Plant/NBIRTH/Edge', nbirth],
      ['spBv1.0/Plant/NDATA/Edge', ndata]
    ])
    const decoders = profileDecoders({ ...emptyDecoderPrefs(), pins: [{ filter: 'plant/+/cbor', decoder: 'cbor' }] })
    expect(await topics(model, query('payload', '"bar":4.5', { decoded: true }))).toEqual([])
    expect(await topics(model, query('payload', '"bar":4.5', { decoded: true, decoders }))).toEqual(['plant/press/cbor'])
    expect(await topics(model, query('payloadRegex', '"bar":4\\.5', { decoded: true, decoders }))).toEqual(['plant/press/cbor'])
    expect(await topics(model, query('payload', '"bar":4.5', { decoders }))).toEqual([])

    const snapshot = modelWith([['cam/door/snapshot', Buffer.from(imageFixtures['sensor.webp'], 'base64')], ['cam/door/json', '{"note": "WEBP image"}']])
    expect(await topics(snapshot, query('payload', 'WEBP image 37×21'))).toEqual([])
    expect(await topics(snapshot, query('payload', 'WEBP image 37×21', { decoded: true }))).toEqual(['cam/door/snapshot'])
    // JSON is searched as it was sent, decoded or not.
    expect(await topics(snapshot, query('payload', '"note": "WEBP', { decoded: true }))).toEqual(['cam/door/json'])

    const path = 'spBv1.0/Plant/NDATA'
    expect(await topics(model, query('payload', 'Boiler/Temperature', { path }))).toEqual([])
    expect(await topics(model, query('payload', 'Boiler/Temperature', { path, decoded: true }))).toEqual(['spBv1.0/Plant/NDATA/Edge'])
    // The datatype came with the birth only: the value reads as −12, not 4294967284.
    expect(await topics(model, query('payloadRegex', '"value":-12\\b', { path, decoded: true }))).toEqual(['spBv1.0/Plant/NDATA/Edge'])
  })

  it('searches Protobuf payloads decoded by the profile rule for their topics, in history too', async () => {
    const source = 'syntax = "proto3"; package plant; message Reading { double value = 1; string unit = 2; string state = 3; }'
    // The independent encoder: protobufjs's own encode over its parse of the same text.
    const Reading = protobuf.parse(source, { keepCase: true }).root.lookupType('plant.Reading')
    const reading = (state: string): Uint8Array => Reading.encode(Reading.fromObject({ value: 4.5, unit: 'bar', state })).finish()
    const model = modelWith([
      ['pb/press/1', reading('overpressure')],
      ['pb/press/1', reading('normal')],
      ['other/press/1', reading('overpressure')],
      ['pb/broken/1', Uint8Array.of(0x0a, 0xff, 0xff)]
    ])
    const decoders = profileDecoders({ protoFiles: [{ name: 'plant.proto', source }], protobufRules: [{ filter: 'pb/#', type: 'plant.Reading' }], pins: [] })
    expect(await topics(model, query('payload', '"state":"normal"', { decoded: true }))).toEqual([])
    expect(await topics(model, query('payload', '"state":"normal"', { decoded: true, decoders }))).toEqual(['pb/press/1'])
    expect(await topics(model, query('payload', 'overpressure', { decoded: true, decoders }))).toEqual(['other/press/1'])
    expect(await topics(model, query('payloadRegex', '"state":"over', { decoded: true, history: true, decoders }))).toEqual(['pb/press/1'])
    // A pin wins over the rule, as in the viewer: read as hex, the payload has no field names.
    const pinned = profileDecoders({ protoFiles: [{ name: 'plant.proto', source }], protobufRules: [{ filter: 'pb/#', type: 'plant.Reading' }], pins: [{ filter: 'pb/press/#', decoder: 'hex' }] })
    expect(await topics(model, query('payload', '"state":"normal"', { decoded: true, decoders: pinned }))).toEqual([])
  })

  it('reports matches as they are found, then replies with all of them', async () => {
    const model = new ConnectionModel(() => defaultModelSettings)
    for (let i = 0; i < 60_000; i++) model.ingest(msg(`fleet/${i}`, `{"id":${i},"status":"${i % 3 === 0 ? 'idle' : 'busy'}"}`))
    for (const kind of ['payload', 'payloadRegex'] as const) {
      const reports: SearchProgress[] = []
      const result = await runner.run(model, `progress-${kind}`, query(kind, 'idle', { limit: 100_000 }), (p) => reports.push(p))
      expect(result).toMatchObject({ status: 'complete', scanned: 60_000, total: 60_000 })
      expect(result.topics).toHaveLength(20_000)
      expect(reports.length).toBeGreaterThan(0)
      expect(reports[0]!.topics.length).toBeGreaterThan(0)
      const streamed = reports.flatMap((r) => r.topics)
      expect(result.topics.slice(0, streamed.length)).toEqual(streamed)
      for (const r of reports) expect(r.total).toBe(60_000)
      expect(reports.map((r) => r.scanned)).toEqual([...reports.map((r) => r.scanned)].sort((a, b) => a - b))
    }
  })

  it('stops at the match limit, and a regex over payloads stops when cancelled or stuck', async () => {
    const model = modelWith(Array.from({ length: 50 }, (_, i): [string, string] => [`line/${i}`, 'running']))
    for (const kind of ['payload', 'payloadRegex'] as const) {
      const limited = await runner.run(model, `limit-${kind}`, query(kind, 'run', { limit: 10 }))
      expect(limited).toMatchObject({ status: 'limit' })
      expect(limited.topics).toHaveLength(10)
    }
    const slow = new ConnectionModel(() => defaultModelSettings)
    for (let i = 0; i < 20_000; i++) slow.ingest(msg(`bulk/${i}`, 'n'.repeat(18)))
    const pending = runner.run(slow, 'cancel-payload-regex', query('payloadRegex', '^(n+)+x', { timeLimitMs: 30_000 }))
    expect(runner.cancel('cancel-payload-regex')).toBe(true)
    expect(await pending).toMatchObject({ status: 'cancelled', topics: [] })

    const stuck = modelWith([['pump/log', `${'a'.repeat(26)}!`]])
    await expect(runner.run(stuck, 'stuck', query('payloadRegex', '(a+)+$', { timeLimitMs: 300 }))).rejects.toThrow(/took too long.*on a payload of the topic "pump\/log"/)
  })
})
