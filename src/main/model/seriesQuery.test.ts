import { describe, expect, it } from 'vitest'
import type { ModelSettings, ReceivedMessage } from '../../shared/contract'
import { ConnectionModel } from './connectionModel'
import { MAX_PLOTTED_PAYLOAD, seriesQuery } from './seriesQuery'
import { defaultModelSettings } from './settings'

const msg = (topic: string, payload: string | Uint8Array, receivedAt: number, retain = false): ReceivedMessage => ({
  topic,
  payload: typeof payload === 'string' ? Buffer.from(payload) : payload,
  qos: 0,
  retain,
  dup: false,
  receivedAt
})

const modelWith = (settings: Partial<ModelSettings> = {}): ConnectionModel => new ConnectionModel(() => ({ ...defaultModelSettings, ...settings }))

describe('series query', () => {
  it('returns a topic\'s numbers as columns, oldest first, with gaps as NaN', () => {
    const model = modelWith()
    const payloads = ['1', '2.5', 'true', 'hot', '{"v":3}', ' -4 ']
    payloads.forEach((payload, i) => model.ingest(msg('s/a', payload, 1000 + i)))
    const [series] = seriesQuery(model, [{ topic: 's/a', path: '' }], undefined, 100)
    expect(series!.times).toBeInstanceOf(Float64Array)
    expect([...series!.times]).toEqual([1000, 1001, 1002, 1003, 1004, 1005])
    expect([...series!.values]).toEqual([1, 2.5, 1, Number.NaN, Number.NaN, -4])
    expect(series).toMatchObject({ topic: 's/a', path: '', lastSeq: 6, exists: true, restarted: false, limited: false })
  })

  it('reads a JSON field of each payload', () => {
    const model = modelWith()
    for (let i = 0; i < 4; i++) model.ingest(msg('s/j', JSON.stringify({ sensor: { readings: [i, i * 10] } }), i))
    model.ingest(msg('s/j', '{"sensor":{}}', 9))
    const [series] = seriesQuery(model, [{ topic: 's/j', path: 'sensor.readings[1]' }], undefined, 100)
    expect([...series!.values]).toEqual([0, 10, 20, 30, Number.NaN])
  })

  it('keeps the newest points within the limit and says older ones were left out', () => {
    const model = modelWith()
    for (let i = 1; i <= 10; i++) model.ingest(msg('s/n', String(i), i))
    const [limited] = seriesQuery(model, [{ topic: 's/n', path: '' }], undefined, 3)
    expect([...limited!.values]).toEqual([8, 9, 10])
    expect(limited!.limited).toBe(true)
    expect([limited!.firstSeq, limited!.lastSeq]).toEqual([8, 10])
    // The rest, older than the first point shown: what a chart reads after its quick first look.
    const [older] = seriesQuery(model, [{ topic: 's/n', path: '', beforeSeq: 8 }], undefined, 100)
    expect([...older!.values]).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect([older!.firstSeq, older!.limited]).toEqual([1, false])
    const [all] = seriesQuery(model, [{ topic: 's/n', path: '' }], undefined, 10)
    expect(all!.limited).toBe(false)
    expect(all!.values.buffer.byteLength).toBe(80)
  })

  it('continues after a position and a time, and hands the cursor back when nothing is new', () => {
    const model = modelWith()
    for (let i = 1; i <= 6; i++) model.ingest(msg('s/c', String(i), 100 * i))
    const [after] = seriesQuery(model, [{ topic: 's/c', path: '', afterSeq: 4 }], undefined, 100)
    expect([...after!.values]).toEqual([5, 6])
    expect(after!.lastSeq).toBe(6)
    // A short slice is copied out, not a view of the whole allocation.
    expect(after!.values.buffer.byteLength).toBe(16)
    const [since] = seriesQuery(model, [{ topic: 's/c', path: '' }], 300, 100)
    expect([...since!.times]).toEqual([300, 400, 500, 600])
    expect(since!.limited).toBe(false)
    const [none] = seriesQuery(model, [{ topic: 's/c', path: '', afterSeq: 6 }], undefined, 100)
    expect(none!.values.length).toBe(0)
    expect(none!.lastSeq).toBe(6)
  })

  it('answers for a topic that does not exist yet, and says when a topic started over', () => {
    const model = modelWith()
    const [missing] = seriesQuery(model, [{ topic: 'not/yet', path: 'x', afterSeq: 3 }], undefined, 100)
    expect(missing).toMatchObject({ exists: false, lastSeq: 3, restarted: false })
    expect(missing!.times.length).toBe(0)
    for (let i = 1; i <= 5; i++) model.ingest(msg('s/r', String(i), i, true))
    model.ingest(msg('s/r', '', 6, true))
    model.ingest(msg('s/r', '42', 7))
    const [again] = seriesQuery(model, [{ topic: 's/r', path: '', afterSeq: 5 }], undefined, 100)
    expect(again).toMatchObject({ restarted: true, lastSeq: 1 })
    expect([...again!.values]).toEqual([42])
  })

  it('reads several series in one query, and treats oversized payloads as gaps', () => {
    const model = modelWith()
    model.ingest(msg('s/x', '1', 1))
    model.ingest(msg('s/y', '1'.repeat(MAX_PLOTTED_PAYLOAD + 1), 2))
    model.ingest(msg('s/y', '5', 3))
    const result = seriesQuery(model, [{ topic: 's/x', path: '' }, { topic: 's/y', path: '' }], undefined, 100)
    expect(result.map((series) => [...series.values])).toEqual([[1], [Number.NaN, 5]])
    expect(() => seriesQuery(model, [{ topic: 's/x', path: 'a..b' }], undefined, 100)).toThrow(/not valid/)
  })
})
