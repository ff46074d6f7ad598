import { describe, expect, it } from 'vitest'
import { SparkplugState, type SparkplugMessage } from '@shared/decoders'
import { encodePayload } from '@shared/decoders/sparkplug/test/edgeNode'
import { metricCells, sparkplugNotes } from './sparkplugTable'

const T = Date.UTC(2026, 0, 2, 3, 4, 5)

function observed(state: SparkplugState, topic: string, payload: Parameters<typeof encodePayload>[0]): SparkplugMessage {
  const outcome = state.observe(topic, encodePayload({ timestamp: T, ...payload }), 0)
  if (!outcome.ok) throw new Error(outcome.error)
  return outcome.message
}

describe('the Sparkplug metrics table', () => {
  it('shows names from the birth, exact 64-bit values, timestamps and quality in words', () => {
    const state = new SparkplugState()
    observed(state, 'spBv1.0/P/NBIRTH/L', {
      seq: 0,
      metrics: [
        { name: 'bdSeq', datatype: 'UInt64', longValue: 0 },
        { name: 'Cycles', alias: 5, datatype: 'UInt64', longValue: 0 },
        { name: 'Temp', alias: 6, datatype: 'Float', floatValue: 0, properties: { keys: ['Quality'], values: [{ type: 3, intValue: 500 }] } }
      ]
    })
    const data = observed(state, 'spBv1.0/P/NDATA/L', {
      seq: 1,
      metrics: [{ alias: 5, timestamp: T, longValue: 18_446_744_073_709_551_615n }, { alias: 6, floatValue: 21.5, properties: { keys: ['Quality'], values: [{ type: 3, intValue: 192 }] } }, { alias: 9, intValue: 1 }]
    })
    expect(metricCells(data)).toEqual([
      { name: 'Cycles', alias: '5', type: 'UInt64', value: '18446744073709551615', timestamp: '2026-01-02T03:04:05.000Z', quality: '' },
      { name: 'Temp', alias: '6', type: 'Float', value: '21.5', timestamp: '', quality: 'good (192)' },
      { name: '(alias not in any birth)', alias: '9', type: 'Unknown', value: expect.any(String), timestamp: '', quality: '' }
    ])
    expect(sparkplugNotes(data, { node: true })).toEqual(['Alias 9 is not defined by the birth in force, so its name and type are unknown.'])
  })

  it('says when a seq was skipped and when the node is offline now', () => {
    const state = new SparkplugState()
    observed(state, 'spBv1.0/P/NBIRTH/L', { seq: 0, metrics: [{ name: 'bdSeq', datatype: 'UInt64', longValue: 0 }] })
    const data = observed(state, 'spBv1.0/P/NDATA/L', { seq: 4, metrics: [] })
    expect(sparkplugNotes(data, { node: false })).toEqual([
      'Sequence gap: seq 4 came where 1 was expected, so messages from this node were lost or reordered.',
      'The edge node is offline now (its death certificate arrived after its last birth).'
    ])
  })
})
