import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ModelSettings } from '../../shared/contract'
import { DeltaCoalescer } from './coalescer'
import { ConnectionModel } from './connectionModel'
import { defaultModelSettings, mergeSettings } from './settings'
import { msg, receiverOf } from './test/coalescerKit'

describe('DeltaCoalescer frames', () => {
  afterEach(() => vi.useRealTimers())

  function started(changes: Partial<ModelSettings> = {}, canSend?: () => boolean) {
    vi.useFakeTimers({ now: 100_000 })
    const settings = mergeSettings(defaultModelSettings, changes)
    const model = new ConnectionModel(() => settings)
    const coalescer = new DeltaCoalescer('c1', model, { settings: () => settings, now: () => Date.now() })
    const { deltas } = receiverOf(coalescer, 'window', canSend ? { canSend } : {})
    coalescer.start()
    return { model, coalescer, deltas }
  }

  it('sends a change on a quiet connection at once, and keeps no frame timer while nothing changes', () => {
    const { model, coalescer, deltas } = started()
    vi.advanceTimersByTime(1)
    expect(deltas).toMatchObject([{ reset: true }])
    vi.advanceTimersByTime(500)
    model.ingest(msg('quiet', '1'))
    vi.advanceTimersByTime(1)
    expect(deltas).toHaveLength(2)
    // Only the once-a-second rate timer is left.
    expect(vi.getTimerCount()).toBe(1)
    coalescer.stop()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('spaces light frames one display frame apart and waits the interval after a heavy one', () => {
    const { model, coalescer, deltas } = started({ deltaIntervalMs: 33 })
    vi.advanceTimersByTime(1)
    const sent: number[] = []
    const record = (): void => {
      while (sent.length < deltas.length) sent.push(Date.now())
    }
    for (let t = 0; t < 60; t++) {
      model.ingest(msg('light', `${t}`))
      vi.advanceTimersByTime(1)
      record()
    }
    const lightGaps = sent.slice(2).map((time, i) => time - (sent[i + 1] as number))
    expect(Math.min(...lightGaps)).toBeGreaterThanOrEqual(16)
    expect(Math.max(...lightGaps)).toBeLessThanOrEqual(17)
    vi.advanceTimersByTime(100)
    record()
    for (let i = 0; i < 200; i++) model.ingest(msg(`heavy/${i}`, 'x'))
    vi.advanceTimersByTime(1)
    record()
    const heavyAt = sent.at(-1) as number
    model.ingest(msg('light', 'after'))
    vi.advanceTimersByTime(40)
    record()
    expect((sent.at(-1) as number) - heavyAt).toBeGreaterThanOrEqual(33)
    coalescer.stop()
  })

  it('asks a receiver with no room again once per interval, not at every turn of the event loop', () => {
    const { model, coalescer, deltas } = started({ deltaIntervalMs: 33 }, () => false)
    model.ingest(msg('t', '1'))
    vi.advanceTimersByTime(330)
    expect(deltas).toHaveLength(0)
    expect(coalescer.stream('window')?.skippedFrames).toBeGreaterThanOrEqual(9)
    expect(coalescer.stream('window')?.skippedFrames).toBeLessThanOrEqual(11)
    coalescer.stop()
  })
})
