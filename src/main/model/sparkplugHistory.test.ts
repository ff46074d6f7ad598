import { describe, expect, it } from 'vitest'
import type { ModelSettings } from '../../shared/contract'
import { decodeWithHistory, type SparkplugEdgeMessage, type SparkplugStoredMessage } from '../../shared/decoders/sparkplug'
import { encodePayload, type MetricSpec } from '../../shared/decoders/sparkplug/test/edgeNode'
import { ConnectionModel } from './connectionModel'
import { message } from './queries'
import { defaultModelSettings, mergeSettings } from './settings'
import { sparkplugHistory } from './sparkplugHistory'

const T = 1_767_000_000_000
const NBIRTH = 'spBv1.0/Plant1/NBIRTH/Line4'
const NDEATH = 'spBv1.0/Plant1/NDEATH/Line4'
const NDATA = 'spBv1.0/Plant1/NDATA/Line4'
const DBIRTH = 'spBv1.0/Plant1/DBIRTH/Line4/Press7'
const DDATA = 'spBv1.0/Plant1/DDATA/Line4/Press7'

function model(changes: Partial<ModelSettings> = {}): ConnectionModel {
  const settings = mergeSettings(defaultModelSettings, changes)
  return new ConnectionModel(() => settings)
}

let clock = 1_000
function publish(m: ConnectionModel, topic: string, seq: number | undefined, metrics: MetricSpec[]): void {
  m.ingest({ topic, payload: encodePayload({ timestamp: T, ...(seq === undefined ? {} : { seq }), metrics }), qos: 0, retain: false, dup: false, receivedAt: clock++ })
}
const bdSeq = (n: number): MetricSpec => ({ name: 'bdSeq', datatype: 'UInt64', longValue: n })

function born(m: ConnectionModel, speedName = 'Speed', session = 0): void {
  publish(m, NBIRTH, 0, [bdSeq(session), { name: 'Drive/Offset', alias: 1, datatype: 'Int32', intValue: 0 }])
  publish(m, DBIRTH, 1, [{ name: speedName, alias: 10, datatype: 'Int32', intValue: 0 }])
}

/** Decodes stored message `seq` of `topic` the way the viewer does: the whole payload plus the history main picks. */
function decodeStored(m: ConnectionModel, topic: string, seq: number): SparkplugEdgeMessage {
  const record = message(m, topic, seq)
  const target: SparkplugStoredMessage = { topic, payload: record.payload, receivedAt: record.receivedAt }
  const outcome = decodeWithHistory(target, sparkplugHistory(m, topic, seq))
  if (!outcome.ok || outcome.message.type === 'STATE') throw new Error(outcome.ok ? 'STATE' : outcome.error)
  return outcome.message
}

describe('sparkplugHistory: a stored message decodes as it read on arrival', () => {
  it('names alias-only DDATA from the device birth and reads Int32 −12 as −12', () => {
    const m = model()
    born(m)
    publish(m, 'other/topic', undefined, [])
    publish(m, DDATA, 2, [{ alias: 10, intValue: -12 >>> 0 }])
    const decoded = decodeStored(m, DDATA, 1)
    expect(decoded.metrics[0]).toMatchObject({ name: 'Speed', datatype: 'Int32', value: -12, fromBirth: true })
    expect(decoded.flags).toEqual({})
    expect(sparkplugHistory(m, DDATA, 1).now).toEqual({ node: true, device: true })
  })

  it('keeps the aliases of the birth in force: a rebirth that renames an alias changes later data only', () => {
    const m = model()
    born(m)
    publish(m, DDATA, 2, [{ alias: 10, intValue: 5 }])
    born(m, 'Torque', 1)
    publish(m, DDATA, 2, [{ alias: 10, intValue: 6 }])
    expect(decodeStored(m, DDATA, 1).metrics[0]).toMatchObject({ name: 'Speed', value: 5 })
    expect(decodeStored(m, DDATA, 2).metrics[0]).toMatchObject({ name: 'Torque', value: 6 })
  })

  it('flags a seq gap across the node’s topics, and none for consecutive messages', () => {
    const m = model()
    born(m)
    publish(m, NDATA, 2, [{ alias: 1, intValue: 1 }])
    publish(m, DDATA, 3, [{ alias: 10, intValue: 1 }])
    publish(m, DDATA, 5, [{ alias: 10, intValue: 2 }])
    expect(decodeStored(m, DDATA, 1).flags).toEqual({})
    expect(decodeStored(m, DDATA, 2).flags).toEqual({ seqGap: { expected: 4, actual: 5 } })
  })

  it('does not judge the seq when the history limit dropped messages that may lie in between', () => {
    const m = model({ historyLimit: 2 })
    born(m)
    for (let seq = 2; seq <= 6; seq++) publish(m, NDATA, seq, [{ alias: 1, intValue: seq }])
    publish(m, DDATA, 9, [{ alias: 10, intValue: 1 }])
    expect(sparkplugHistory(m, DDATA, 1).sequenceKnown).toBe(true)
    expect(decodeStored(m, DDATA, 1).flags).toEqual({ seqGap: { expected: 7, actual: 9 } })
    for (let seq = 7; seq <= 12; seq++) publish(m, NDATA, seq, [{ alias: 1, intValue: seq }])
    expect(sparkplugHistory(m, DDATA, 1).sequenceKnown).toBe(false)
    expect(decodeStored(m, DDATA, 1).flags).toEqual({})
  })

  it('shows the node offline after its death, and data sent after it as having no birth', () => {
    const m = model()
    born(m)
    publish(m, DDATA, 2, [{ alias: 10, intValue: 1 }])
    publish(m, NDEATH, undefined, [bdSeq(0)])
    publish(m, DDATA, 3, [{ alias: 10, intValue: 2 }])
    expect(sparkplugHistory(m, DDATA, 1).now).toEqual({ node: false, device: false })
    expect(decodeStored(m, DDATA, 1).flags).toEqual({})
    expect(decodeStored(m, DDATA, 2).flags.noBirth).toBe(true)
  })

  it('answers a topic outside the Sparkplug namespace with a sentence', () => {
    const m = model()
    publish(m, 'plant/line4', undefined, [])
    expect(() => sparkplugHistory(m, 'plant/line4', 1)).toThrow(/not a Sparkplug B topic/)
  })
})
