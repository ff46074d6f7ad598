import { describe, expect, it } from 'vitest'
import type { ModelSettings } from '../../shared/contract'
import { decodeWithHistory, type SparkplugEdgeMessage, type SparkplugStoredMessage } from '../../shared/decoders/sparkplug'
import { encodePayload, type MetricSpec } from '../../shared/decoders/sparkplug/test/edgeNode'
import { ConnectionModel } from './connectionModel'
import { message } from './queries'
import { defaultModelSettings, mergeSettings } from './settings'
import { ChainCursors, sparkplugHistory, sparkplugHistoryAt } from './sparkplugHistory'
import { NONE } from './messageLog'

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

  it('gives a search walking back through history with shared cursors the same answers, also after evictions', () => {
    const m = model({ historyLimit: 6 })
    born(m)
    for (let n = 0; n < 4; n++) publish(m, DDATA, 2 + n, [{ alias: 10, intValue: n }])
    born(m, 'Torque', 1)
    for (let n = 0; n < 4; n++) publish(m, DDATA, 2 + n, [{ alias: 10, intValue: 10 + n }])
    publish(m, NDEATH, undefined, [bdSeq(1)])
    const positions = (): number[] => {
      const entry = m.topics.get(DDATA)!
      const out: number[] = []
      for (let at = entry.newest; at !== NONE; at = m.log.olderThan(at)) out.push(at)
      return out
    }
    const cursors = new ChainCursors()
    const same = (at: number): void => expect(sparkplugHistoryAt(m, DDATA, at, cursors)).toEqual(sparkplugHistoryAt(m, DDATA, at))
    const all = positions()
    for (const at of all.slice(0, 3)) same(at)
    // Messages arriving while the search waits push the oldest records out, some of them where cursors stopped:
    // the rest of the walk must not follow those.
    born(m, 'Speed', 2)
    for (let n = 0; n < 3; n++) publish(m, DDATA, 2 + n, [{ alias: 10, intValue: 20 + n }])
    for (const at of all.slice(3)) if (m.log.read(at)) same(at)
    for (const at of positions()) same(at)
  })

  it('does not follow a cursor left on a record evicted since', () => {
    const m = model({ historyLimit: 3 })
    for (let n = 0; n < 3; n++) publish(m, NDATA, n, [])
    const entry = m.topics.get(NDATA)!
    const oldest = entry.oldest
    const cursors = new ChainCursors()
    expect(cursors.newestBefore(m, entry, oldest + 1)).toBe(oldest)
    for (let n = 0; n < 3; n++) publish(m, NDATA, 3 + n, [])
    expect(m.log.read(oldest)).toBeUndefined()
    expect(cursors.newestBefore(m, entry, oldest + 1)).toBe(NONE)
  })

  it('answers a topic outside the Sparkplug namespace with a sentence', () => {
    const m = model()
    publish(m, 'plant/line4', undefined, [])
    expect(() => sparkplugHistory(m, 'plant/line4', 1)).toThrow(/not a Sparkplug B topic/)
  })
})
