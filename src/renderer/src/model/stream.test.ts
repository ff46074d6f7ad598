import { describe, expect, it, vi } from 'vitest'
import type { MainEvents, ModelDelta } from '@shared/contract'
import { forgetClientModel, getClientModel } from './registry'
import { listenSeries } from './seriesListeners'
import { startModelStream } from './stream'
import { testStats } from '../test/deltas'

function delta(seq: number, topic: string, reset = false): ModelDelta {
  return {
    connectionId: 'stream-test',
    seq,
    reset,
    removed: [],
    names: [topic],
    nameIds: [0],
    numbers: new Float64Array([seq, seq, 1, 1, 0, 0]),
    previews: new Uint8Array([120]),
    properties: [],
    stats: { ...testStats, topicCount: 1, messageCount: seq }
  }
}

/** The model part of the bridge's events, driven by the test instead of main. */
function modelEvents(): { events: MainEvents['model']; send: (delta: ModelDelta) => void; listeners: () => number } {
  const listeners = new Set<(delta: ModelDelta) => void>()
  const events = {
    delta: (listener: (delta: ModelDelta) => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    clearProgress: () => () => undefined,
    searchProgress: () => () => undefined
  } as MainEvents['model']
  return { events, send: (d) => listeners.forEach((listener) => listener(d)), listeners: () => listeners.size }
}

describe('startModelStream', () => {
  it('applies deltas in order, asks once for a resync after a gap, and resumes at the reset', () => {
    forgetClientModel('stream-test')
    const { events, send, listeners } = modelEvents()
    const resync = vi.fn()
    const stop = startModelStream(events, { resync, ack: () => undefined })
    const model = getClientModel('stream-test')

    send(delta(1, 'a'))
    send(delta(2, 'b'))
    expect(model.topicCount).toBe(2)
    send(delta(4, 'lost-order'))
    send(delta(5, 'still-waiting'))
    expect(resync).toHaveBeenCalledTimes(1)
    expect(resync).toHaveBeenCalledWith('stream-test')
    expect(model.topic('lost-order')).toBeUndefined()

    send(delta(6, 'fresh', true))
    expect(model.topicCount).toBe(1)
    expect(model.topic('fresh')).toBeDefined()
    send(delta(7, 'next'))
    expect(model.topicCount).toBe(2)
    expect(model.version).toBe(4)

    stop()
    expect(listeners()).toBe(0)
  })

  it('confirms what it applied once per burst, with the last seq of each connection, and not what it skipped', async () => {
    forgetClientModel('stream-test')
    const { events, send } = modelEvents()
    const ack = vi.fn()
    const stop = startModelStream(events, { resync: () => undefined, ack })
    send(delta(1, 'a'))
    send(delta(2, 'b'))
    expect(ack).not.toHaveBeenCalled()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(ack).toHaveBeenCalledTimes(1)
    expect(ack).toHaveBeenCalledWith([{ connectionId: 'stream-test', seq: 2 }])
    send(delta(5, 'after-gap'))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(ack).toHaveBeenCalledTimes(1)
    send(delta(6, 'fresh', true))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(ack).toHaveBeenLastCalledWith([{ connectionId: 'stream-test', seq: 6 }])
    stop()
  })

  it('hands the series points of applied deltas to their watch, and tells it when the stream resets', () => {
    forgetClientModel('stream-test')
    const { events, send } = modelEvents()
    const stop = startModelStream(events, { resync: () => undefined, ack: () => undefined })
    const got: number[][] = []
    const resets = vi.fn()
    const unlisten = listenSeries('stream-test', 'chart-x', { points: (series) => got.push(series.flatMap((s) => [...s.columns.values])), reset: resets })
    const columns = { topic: 'a', path: '', times: new Float64Array([1]), firstSeq: 1, lastSeq: 1, exists: true, restarted: false, limited: false }
    const withSeries = (d: ModelDelta, value: number, watchId = 'chart-x'): ModelDelta => ({ ...d, series: [{ watchId, series: [{ index: 0, columns: { ...columns, values: new Float64Array([value]) } }] }] })
    send(withSeries(delta(1, 'a', true), 10))
    send(withSeries(delta(2, 'a'), 20, 'another-chart'))
    // After a gap: not applied, so not handed out either.
    send(withSeries(delta(4, 'a'), 40))
    send(withSeries(delta(1, 'a', true), 50))
    unlisten()
    send(withSeries(delta(2, 'a'), 60))
    expect(got).toEqual([[10], [50]])
    expect(resets).toHaveBeenCalledTimes(2)
    stop()
  })
})
