import { describe, expect, it } from 'vitest'
import { SUMMARY_LENGTH } from '../types'
import { encodePayload } from './test/edgeNode'
import { sparkplugDecoder, sparkplugResult, SparkplugState, metricRows } from './index'

const bytes = new Uint8Array()
const detects = (topic: string): boolean => sparkplugDecoder.detects({ topic, bytes }, {})

function deviceState(): SparkplugState {
  const state = new SparkplugState()
  state.observe('spBv1.0/P/NBIRTH/L', encodePayload({ seq: 0, metrics: [{ name: 'bdSeq', datatype: 'UInt64', longValue: 0 }] }), 0)
  state.observe('spBv1.0/P/DBIRTH/L/D', encodePayload({
    seq: 1,
    metrics: [
      { name: 'Temperature', alias: 1, datatype: 'Float', floatValue: 0 },
      { name: 'Pressure', alias: 2, datatype: 'Int32', intValue: 0 },
      { name: 'Valve', alias: 3, datatype: 'Boolean', booleanValue: false }
    ]
  }), 1)
  return state
}

const ddata = (seq: number): Uint8Array => encodePayload({
  seq,
  metrics: [
    { alias: 1, floatValue: 21.5, timestamp: 1_767_000_000_000, properties: { keys: ['Quality'], values: [{ type: 3, intValue: 192 }] } },
    { alias: 2, intValue: 1013 },
    { alias: 3, booleanValue: true }
  ]
})

describe('sparkplugDecoder', () => {
  it('detects only spBv1.0 topics with a known message type, or the 3.0 STATE topic', () => {
    expect(detects('spBv1.0/Plant/DDATA/Line/Press')).toBe(true)
    expect(detects('spBv1.0/Plant/NBIRTH/Line')).toBe(true)
    expect(detects('spBv1.0/STATE/scada')).toBe(true)
    expect(detects('spBv1.0/Plant/TELEMETRY/Line')).toBe(false)
    expect(detects('spBv1.0/Plant/NDATA/Line/extra')).toBe(false)
    expect(detects('spAv1.0/Plant/NDATA/Line')).toBe(false)
    expect(detects('plant/spBv1.0/NDATA/Line')).toBe(false)
    expect(detects('STATE/scada')).toBe(false)
  })

  it('resolves against the state in its context, leaves the state as it was, and summarises the metrics', () => {
    const state = deviceState()
    const result = sparkplugDecoder.decode({ topic: 'spBv1.0/P/DDATA/L/D', bytes: ddata(2) }, { sparkplug: state })
    expect(result).toMatchObject({ ok: true, decoder: 'sparkplug', summary: 'DDATA seq 2 · 3 metrics: Temperature=21.5, Pressure=1013, Valve=true' })
    expect(state.node('P', 'L')?.seq).toBe(1)
  })

  it('without a state decodes the message alone, without flags it could not judge', () => {
    const result = sparkplugDecoder.decode({ topic: 'spBv1.0/P/DDATA/L/D', bytes: ddata(2) }, {})
    expect(result).toMatchObject({ ok: true, summary: 'DDATA seq 2 · 3 metrics: alias 1=21.5, alias 2=1013, alias 3=true' })
  })

  it('puts gap and birth notes before the metrics so a cut summary keeps them', () => {
    const state = deviceState()
    const gap = sparkplugResult(state.observe('spBv1.0/P/DDATA/L/D', ddata(5), 2))
    expect(gap.ok && gap.summary).toBe('DDATA seq 5 · seq gap: expected 2, got 5 · 3 metrics: Temperature=21.5, Pressure=1013, Valve=true')
    const orphan = sparkplugResult(new SparkplugState().observe('spBv1.0/P/DDATA/L/X', ddata(1), 3))
    expect(orphan.ok && orphan.summary).toMatch(/^DDATA seq 1 · no birth seen · 3 metrics: alias 1=/)
    const long = encodePayload({ seq: 0, metrics: Array.from({ length: 30 }, (_, i) => ({ name: `Metric${i}`, datatype: 'Int32', intValue: i })) })
    const cut = sparkplugResult(new SparkplugState().observe('spBv1.0/P/NBIRTH/L', long, 0))
    expect(cut.ok && cut.summary.length).toBe(SUMMARY_LENGTH)
  })

  it('says what deaths did', () => {
    const state = deviceState()
    const stale = sparkplugResult(state.observe('spBv1.0/P/NDEATH/L', encodePayload({ metrics: [{ name: 'bdSeq', datatype: 'UInt64', longValue: 7 }] }), 2))
    expect(stale.ok && stale.summary).toBe('NDEATH bdSeq 7 · stale death (birth has bdSeq 0): node stays online')
    const real = sparkplugResult(state.observe('spBv1.0/P/NDEATH/L', encodePayload({ metrics: [{ name: 'bdSeq', datatype: 'UInt64', longValue: 0 }] }), 3))
    expect(real.ok && real.summary).toBe('NDEATH bdSeq 0 · node offline')
    const legacy = sparkplugResult(state.observe('STATE/scada', new TextEncoder().encode('ONLINE'), 4))
    expect(legacy.ok && legacy.summary).toMatch(/^STATE scada online \(Sparkplug 2\.x plain-text STATE/)
  })

  it('returns failures as a DecodeResult with the sentence', () => {
    const result = sparkplugDecoder.decode({ topic: 'spBv1.0/P/NDATA/L', bytes: new Uint8Array([0x12, 0x05, 0x0a]) }, {})
    expect(result).toEqual({ ok: false, decoder: 'sparkplug', error: 'This is not a Sparkplug B payload: the protobuf data ends early at byte 3 (truncated?).' })
  })
})

describe('metricRows', () => {
  it('makes one table row per metric with name, alias, type, value, timestamp and quality', () => {
    const outcome = deviceState().observe('spBv1.0/P/DDATA/L/D', ddata(2), 2)
    if (!outcome.ok) throw new Error(outcome.error)
    const [temperature, pressure] = metricRows(outcome.message)
    expect(temperature).toEqual({
      name: 'Temperature', alias: 1n, datatype: 'Float', value: 21.5, timestamp: 1_767_000_000_000, quality: 192,
      isHistorical: false, isTransient: false, isNull: false, properties: { Quality: 192 }, fromBirth: true
    })
    expect(pressure).toEqual({ name: 'Pressure', alias: 2n, datatype: 'Int32', value: 1013, isHistorical: false, isTransient: false, isNull: false, fromBirth: true })
  })
})
