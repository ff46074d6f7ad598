import { describe, expect, it } from 'vitest'
import { encodePayload, type MetricSpec } from './test/edgeNode'
import { SparkplugState } from './state'
import type { SparkplugEdgeMessage, SparkplugOutcome } from './types'

const T = 1_767_000_000_000
const NODE = 'spBv1.0/Plant1/NBIRTH/Line4'

function edge(outcome: SparkplugOutcome): SparkplugEdgeMessage {
  if (!outcome.ok) throw new Error(outcome.error)
  if (outcome.message.type === 'STATE') throw new Error('expected an edge message')
  return outcome.message
}

function topic(type: string, device?: string): string {
  return `spBv1.0/Plant1/${type}/Line4${device ? `/${device}` : ''}`
}

function nbirth(bdSeq: number, metrics: MetricSpec[] = []): Uint8Array {
  return encodePayload({ timestamp: T, seq: 0, metrics: [{ name: 'bdSeq', datatype: 'UInt64', longValue: bdSeq }, ...metrics] })
}

function ndeath(bdSeq: number): Uint8Array {
  return encodePayload({ timestamp: T, metrics: [{ name: 'bdSeq', datatype: 'UInt64', longValue: bdSeq }] })
}

const birthMetrics: MetricSpec[] = [
  { name: 'Drive/Offset', alias: 1, datatype: 'Int32', intValue: 0 },
  { name: 'Temperature', alias: 2, datatype: 'Float', floatValue: 20 },
  { name: 'Counter', alias: 3, datatype: 'Int64', longValue: 0 }
]

describe('SparkplugState: births and data by alias', () => {
  it('names an alias-only NDATA metric and reads its Int32 −12 as −12, not 4294967284', () => {
    const state = new SparkplugState()
    edge(state.observe(NODE, nbirth(1, birthMetrics), 1))
    const data = encodePayload({ timestamp: T, seq: 1, metrics: [{ alias: 1, intValue: -12 }, { alias: 3, longValue: -5n }] })
    const message = edge(state.observe(topic('NDATA'), data, 2))
    expect(message.metrics[0]).toMatchObject({ name: 'Drive/Offset', alias: 1n, datatype: 'Int32', value: -12, fromBirth: true })
    expect(message.metrics[1]).toMatchObject({ name: 'Counter', datatype: 'Int64', value: -5n })
    expect(message.flags).toEqual({})
  })

  it('without the birth the same bytes stay unnamed and are flagged as having no birth', () => {
    const state = new SparkplugState()
    const data = encodePayload({ timestamp: T, seq: 1, metrics: [{ alias: 1, intValue: -12 }] })
    const message = edge(state.observe(topic('NDATA'), data, 2))
    expect(message.flags.noBirth).toBe(true)
    expect(message.metrics[0]?.name).toBeUndefined()
    expect(message.metrics[0]?.value).toBe(4294967284)
  })

  it('flags aliases the birth did not define', () => {
    const state = new SparkplugState()
    state.observe(NODE, nbirth(1, birthMetrics), 1)
    const message = edge(state.observe(topic('NDATA'), encodePayload({ seq: 1, metrics: [{ alias: 9, intValue: 4 }] }), 2))
    expect(message.flags.aliasUnknown).toEqual([9n])
    expect(message.flags.noBirth).toBeUndefined()
  })

  it('a rebirth that reassigns aliases applies the new names and types to later data', () => {
    const state = new SparkplugState()
    state.observe(NODE, nbirth(1, birthMetrics), 1)
    state.observe(NODE, nbirth(1, [
      { name: 'Temperature', alias: 1, datatype: 'Float', floatValue: 20 },
      { name: 'Drive/Offset', alias: 2, datatype: 'Int32', intValue: 0 }
    ]), 3)
    const data = encodePayload({ seq: 1, metrics: [{ alias: 1, floatValue: 21.3 }, { alias: 2, intValue: -7 }] })
    const [first, second] = edge(state.observe(topic('NDATA'), data, 4)).metrics
    expect(first).toMatchObject({ name: 'Temperature', datatype: 'Float', value: 21.3 })
    expect(second).toMatchObject({ name: 'Drive/Offset', datatype: 'Int32', value: -7 })
    expect(state.node('Plant1', 'Line4')?.birthAt).toBe(3)
  })

  it('device data resolves against its own DBIRTH', () => {
    const state = new SparkplugState()
    state.observe(NODE, nbirth(1), 1)
    state.observe(topic('DBIRTH', 'Press7'), encodePayload({ seq: 1, metrics: [{ name: 'Valve', alias: 5, datatype: 'Boolean', booleanValue: false }] }), 2)
    const message = edge(state.observe(topic('DDATA', 'Press7'), encodePayload({ seq: 2, metrics: [{ alias: 5, booleanValue: true }] }), 3))
    expect(message).toMatchObject({ deviceId: 'Press7', flags: {} })
    expect(message.metrics[0]).toMatchObject({ name: 'Valve', value: true })
    expect(state.device('Plant1', 'Line4', 'Press7')).toMatchObject({ online: true, birthAt: 2 })
    expect(state.device('Plant1', 'Line4', 'Press7')?.metrics).toEqual([{ name: 'Valve', alias: 5n, datatype: 'Boolean' }])
  })

  it('a DBIRTH before any NBIRTH is flagged', () => {
    const state = new SparkplugState()
    const message = edge(state.observe(topic('DBIRTH', 'Press7'), encodePayload({ seq: 4, metrics: [] }), 1))
    expect(message.flags.noBirth).toBe(true)
  })

  it('the read-only decode resolves against the state without learning from the message', () => {
    const state = new SparkplugState()
    state.observe(NODE, nbirth(1, birthMetrics), 1)
    const rebirth = nbirth(2, [{ name: 'Other', alias: 1, datatype: 'String', stringValue: 'x' }])
    expect(edge(state.decode(NODE, rebirth)).bdSeq).toBe(2n)
    const data = edge(state.decode(topic('NDATA'), encodePayload({ seq: 9, metrics: [{ alias: 1, intValue: -12 }] })))
    expect(data.metrics[0]).toMatchObject({ name: 'Drive/Offset', value: -12 })
    expect(data.flags).toEqual({})
    expect(state.node('Plant1', 'Line4')).toMatchObject({ bdSeq: 1n, seq: 0, birthAt: 1 })
  })
})

describe('SparkplugState: sequence numbers', () => {
  function run(seqs: number[]): SparkplugEdgeMessage[] {
    const state = new SparkplugState()
    const birth = encodePayload({ seq: seqs[0], metrics: [{ name: 'bdSeq', datatype: 'UInt64', longValue: 0 }] })
    state.observe(NODE, birth, 0)
    return seqs.slice(1).map((seq, i) => edge(state.observe(topic('NDATA'), encodePayload({ seq, metrics: [] }), i + 1)))
  }

  it('254 → 255 → 0 → 1 wraps without a gap', () => {
    expect(run([254, 255, 0, 1]).map((m) => m.flags.seqGap)).toEqual([undefined, undefined, undefined])
  })

  it('a skipped number is a gap with what was expected and what came, and the count resyncs after it', () => {
    const [first, second, third] = run([10, 11, 14, 15])
    expect(first?.flags.seqGap).toBeUndefined()
    expect(second?.flags.seqGap).toEqual({ expected: 12, actual: 14 })
    expect(third?.flags.seqGap).toBeUndefined()
  })

  it('255 followed by 1 is a gap (0 was missed)', () => {
    expect(run([255, 1])[0]?.flags.seqGap).toEqual({ expected: 0, actual: 1 })
  })

  it('node and device messages share one sequence', () => {
    const state = new SparkplugState()
    state.observe(NODE, nbirth(0), 0)
    state.observe(topic('DBIRTH', 'A'), encodePayload({ seq: 1, metrics: [] }), 1)
    const gap = edge(state.observe(topic('NDATA'), encodePayload({ seq: 1, metrics: [] }), 2))
    expect(gap.flags.seqGap).toEqual({ expected: 2, actual: 1 })
  })
})

describe('SparkplugState: deaths', () => {
  it('an NDEATH with the birth’s bdSeq takes the node and its devices offline', () => {
    const state = new SparkplugState()
    state.observe(NODE, nbirth(3), 1)
    state.observe(topic('DBIRTH', 'A'), encodePayload({ seq: 1, metrics: [] }), 2)
    const death = edge(state.observe(topic('NDEATH'), ndeath(3), 5))
    expect(death).toMatchObject({ bdSeq: 3n, flags: {} })
    expect(state.node('Plant1', 'Line4')).toMatchObject({ online: false, deathAt: 5, bdSeq: 3n, devices: ['A'] })
    expect(state.device('Plant1', 'Line4', 'A')).toMatchObject({ online: false, deathAt: 5 })
    const after = edge(state.observe(topic('NDATA'), encodePayload({ seq: 2, metrics: [] }), 6))
    expect(after.flags).toEqual({ noBirth: true })
  })

  it('a stale NDEATH (an old session’s will, another bdSeq) leaves the node online', () => {
    const state = new SparkplugState()
    state.observe(NODE, nbirth(4), 1)
    const death = edge(state.observe(topic('NDEATH'), ndeath(3), 2))
    expect(death.flags.staleDeath).toEqual({ bdSeq: 3n, birthBdSeq: 4n })
    expect(state.node('Plant1', 'Line4')).toMatchObject({ online: true, bdSeq: 4n })
    expect(edge(state.observe(topic('NDATA'), encodePayload({ seq: 1, metrics: [] }), 3)).flags).toEqual({})
  })

  it('a DDEATH takes one device offline and leaves its siblings and node online', () => {
    const state = new SparkplugState()
    state.observe(NODE, nbirth(1), 1)
    state.observe(topic('DBIRTH', 'A'), encodePayload({ seq: 1, metrics: [] }), 2)
    state.observe(topic('DBIRTH', 'B'), encodePayload({ seq: 2, metrics: [] }), 3)
    const death = edge(state.observe(topic('DDEATH', 'A'), encodePayload({ timestamp: T, seq: 3 }), 4))
    expect(death.flags).toEqual({})
    expect(state.device('Plant1', 'Line4', 'A')).toMatchObject({ online: false, deathAt: 4 })
    expect(state.device('Plant1', 'Line4', 'B')?.online).toBe(true)
    expect(state.node('Plant1', 'Line4')?.online).toBe(true)
    expect(edge(state.observe(topic('DDATA', 'A'), encodePayload({ seq: 4, metrics: [] }), 5)).flags).toEqual({ noBirth: true })
  })

  it('a death from a node never born is recorded offline and flagged', () => {
    const state = new SparkplugState()
    expect(edge(state.observe(topic('NDEATH'), ndeath(0), 1)).flags).toEqual({ noBirth: true })
    expect(state.node('Plant1', 'Line4')).toMatchObject({ online: false, deathAt: 1 })
  })
})

describe('SparkplugState: host STATE', () => {
  const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value))

  it('reads the Sparkplug 3.0 JSON form on spBv1.0/STATE/<host>', () => {
    const state = new SparkplugState()
    const outcome = state.observe('spBv1.0/STATE/scada1', json({ online: true, timestamp: T }), 7)
    expect(outcome).toEqual({ ok: true, message: { type: 'STATE', hostId: 'scada1', online: true, timestamp: T, legacy: false } })
    expect(state.host('scada1')).toEqual({ hostId: 'scada1', online: true, timestamp: T, receivedAt: 7, legacy: false })
    state.observe('spBv1.0/STATE/scada1', json({ online: false, timestamp: T + 1 }), 8)
    expect(state.host('scada1')?.online).toBe(false)
  })

  it('reads the 2.x plain-text form on STATE/<host> and says it is the old one', () => {
    const state = new SparkplugState()
    const outcome = state.observe('STATE/scada1', new TextEncoder().encode('OFFLINE'), 1)
    expect(outcome).toEqual({ ok: true, message: { type: 'STATE', hostId: 'scada1', online: false, legacy: true } })
  })

  it('says what a STATE payload should look like when it is not that', () => {
    const state = new SparkplugState()
    const notJson = state.observe('spBv1.0/STATE/scada1', new TextEncoder().encode('{online'), 1)
    expect(notJson).toEqual({ ok: false, error: expect.stringContaining('not JSON') })
    const noOnline = state.observe('spBv1.0/STATE/scada1', json({ timestamp: T }), 1)
    expect(noOnline).toEqual({ ok: false, error: expect.stringContaining('no boolean "online"') })
    expect(state.host('scada1')).toBeUndefined()
  })
})
