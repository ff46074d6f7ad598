import { encode as cborEncode } from 'cborg'
import { describe, expect, it } from 'vitest'
import { emptyDecoderPrefs, MAX_WATCH_POINTS_PER_DELTA, type ModelDelta, type SeriesUpdate } from '../../shared/contract'
import { profileDecoders } from '../../shared/decoders'
import { msg, receiverOf, setup } from './test/coalescerKit'

/** Every point of one watched series the deltas carried, in order, with the cursors they ended at. */
function pointsOf(deltas: readonly ModelDelta[], watchId: string, index: number): { values: number[]; lastSeqs: number[]; restarts: number } {
  const values: number[] = []
  const lastSeqs: number[] = []
  let restarts = 0
  for (const delta of deltas) {
    const update = delta.series?.find((u: SeriesUpdate) => u.watchId === watchId)
    const series = update?.series.find((s) => s.index === index)
    if (!series) continue
    if (series.columns.restarted) restarts++
    values.push(...series.columns.values)
    lastSeqs.push(series.columns.lastSeq)
  }
  return { values, lastSeqs, restarts }
}

describe('watched series in the delta stream', () => {
  it('carries the point of every message, not only the latest per frame, from the cursor on', () => {
    const { model, coalescer, deltas } = setup()
    model.ingest(msg('s/t', '1'))
    model.ingest(msg('s/t', '2'))
    coalescer.tick()
    coalescer.stream('window')?.watches.watch('chart-1', [{ topic: 's/t', path: '', afterSeq: 2 }, { topic: 's/j', path: 'v', afterSeq: 0 }])
    for (let frame = 0; frame < 3; frame++) {
      for (let i = 0; i < 5; i++) model.ingest(msg('s/t', String(frame * 10 + i), { receivedAt: 100 + frame * 10 + i }))
      model.ingest(msg('s/j', JSON.stringify({ v: frame }), { receivedAt: 200 + frame }))
      coalescer.tick()
    }
    const t = pointsOf(deltas, 'chart-1', 0)
    expect(t.values).toEqual([0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24])
    expect(t.lastSeqs).toEqual([7, 12, 17])
    expect(pointsOf(deltas, 'chart-1', 1).values).toEqual([0, 1, 2])
    const times = deltas.flatMap((d) => (d.series ?? []).flatMap((u) => u.series.filter((s) => s.index === 0).flatMap((s) => [...s.columns.times])))
    expect(times.slice(0, 5)).toEqual([100, 101, 102, 103, 104])
    // Nothing new: no series in the delta, and no delta for it at all.
    const sent = deltas.length
    coalescer.tick()
    expect(deltas.length).toBe(sent)
  })

  it('reads a decoded series by its decoding, and an auto one as the profile pins the topic', () => {
    const { model, coalescer, deltas } = setup()
    const pinned = profileDecoders({ ...emptyDecoderPrefs(), pins: [{ filter: 'd/#', decoder: 'cbor' }] })
    coalescer.stream('window')?.watches.watch('chart-1', [{ topic: 'd/c', path: 't', decoding: 'cbor', afterSeq: 0 }, { topic: 'd/c', path: 't', afterSeq: 0 }], pinned)
    coalescer.stream('window')?.watches.watch('chart-2', [{ topic: 'd/c', path: 't', afterSeq: 0 }])
    for (const t of [1.5, 2.5]) model.ingest({ ...msg('d/c', ''), payload: cborEncode({ t }) })
    coalescer.tick()
    expect(pointsOf(deltas, 'chart-1', 0).values).toEqual([1.5, 2.5])
    expect(pointsOf(deltas, 'chart-1', 1).values).toEqual([1.5, 2.5])
    // Without the profile's pin, an auto series reads the CBOR bytes as JSON: gaps.
    expect(pointsOf(deltas, 'chart-2', 0).values).toEqual([Number.NaN, Number.NaN])
  })

  it('goes at each receiver\'s pace: a congested one gets what it missed when it has room, none skipped', () => {
    let congested = true
    const { model, coalescer } = setup()
    const slow = receiverOf(coalescer, 'slow', { canSend: () => !congested })
    coalescer.stream('slow')?.watches.watch('w', [{ topic: 'n', path: '', afterSeq: 0 }])
    for (let i = 1; i <= 30; i++) {
      model.ingest(msg('n', String(i)))
      if (i % 10 === 0) coalescer.tick()
    }
    expect(slow.deltas).toEqual([])
    congested = false
    coalescer.tick()
    expect(pointsOf(slow.deltas, 'w', 0).values).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
  })

  it('bounds the points of one delta and catches up over the next ones, oldest first', () => {
    const { model, coalescer, deltas } = setup({ historyLimit: 100_000 })
    // Two series share a delta's points: each gets half, and the rest follows in the next delta.
    const share = MAX_WATCH_POINTS_PER_DELTA / 2
    const many = share + 10_000
    for (let i = 1; i <= many; i++) {
      model.ingest(msg('flood/a', String(i)))
      model.ingest(msg('flood/b', String(-i)))
    }
    coalescer.tick()
    coalescer.stream('window')?.watches.watch('w', [{ topic: 'flood/a', path: '', afterSeq: 0 }, { topic: 'flood/b', path: '', afterSeq: 0 }])
    coalescer.tick()
    coalescer.tick()
    for (const [index, sign] of [[0, 1], [1, -1]] as const) {
      const { values, lastSeqs } = pointsOf(deltas, 'w', index)
      expect(lastSeqs).toEqual([share, many])
      expect(values.length).toBe(many)
      expect(values.every((v, i) => v === sign * (i + 1))).toBe(true)
    }
  })

  it('starts at the oldest kept message when the cursor is older, and tells a topic that started over', () => {
    const { model, coalescer, deltas } = setup({ historyLimit: 5 })
    for (let i = 1; i <= 20; i++) model.ingest(msg('r', String(i), { retain: true }))
    coalescer.tick()
    coalescer.stream('window')?.watches.watch('w', [{ topic: 'r', path: '', afterSeq: 3 }])
    coalescer.tick()
    expect(pointsOf(deltas, 'w', 0).values).toEqual([16, 17, 18, 19, 20])
    // An empty retained message removes the topic; it comes back counting from 1.
    model.ingest(msg('r', '', { retain: true }))
    model.ingest(msg('r', '7', { retain: true }))
    coalescer.tick()
    const after = pointsOf(deltas, 'w', 0)
    expect(after.restarts).toBe(1)
    expect(after.values.at(-1)).toBe(7)
    expect(after.lastSeqs.at(-1)).toBe(1)
  })

  it('stops with unwatch, and is replaced by a watch with the same id', () => {
    const { model, coalescer, deltas } = setup()
    const watches = coalescer.stream('window')!.watches
    watches.watch('w', [{ topic: 'a', path: '', afterSeq: 0 }])
    model.ingest(msg('a', '1'))
    coalescer.tick()
    watches.watch('w', [{ topic: 'b', path: '', afterSeq: 0 }])
    model.ingest(msg('a', '2'))
    model.ingest(msg('b', '3'))
    coalescer.tick()
    expect(watches.unwatch('w')).toBe(true)
    model.ingest(msg('b', '4'))
    coalescer.tick()
    expect(deltas.map((d) => d.series?.[0]?.series.map((s) => [s.columns.topic, ...s.columns.values]))).toEqual([[['a', 1]], [['b', 3]], undefined])
  })
})
