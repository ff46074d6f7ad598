import { describe, expect, it } from 'vitest'
import { Decimated } from './decimate'

const f64 = (...values: number[]): Float64Array => Float64Array.from(values)

function decimate(times: Float64Array, values: Float64Array, from: number, to: number, columns: number): { times: number[]; values: number[]; min: number; max: number } {
  const d = new Decimated()
  d.fill(times, values, times.length, from, to, columns)
  return { times: [...d.times.subarray(0, d.length)], values: [...d.values.subarray(0, d.length)], min: d.min, max: d.max }
}

/** A noisy series of `n` points, one per millisecond from 0: a sine with a spike of 1,000 at `spikeAt`. */
function series(n: number, spikeAt: number): { times: Float64Array; values: Float64Array } {
  const times = Float64Array.from({ length: n }, (_, i) => i)
  const values = Float64Array.from({ length: n }, (_, i) => (i === spikeAt ? 1_000 : Math.sin(i / 50) + ((i * 7919) % 13) / 100))
  return { times, values }
}

describe('decimation to pixel columns (M4)', () => {
  it('keeps every point when there are few in view', () => {
    const out = decimate(f64(1, 2, 3, 4), f64(5, Number.NaN, 7, 6), 0, 10, 10)
    expect(out.times).toEqual([1, 2, 3, 4])
    expect(out.values).toEqual([5, Number.NaN, 7, 6])
    expect([out.min, out.max]).toEqual([5, 7])
  })

  it('keeps the first, lowest, highest and last point of each column, in time order, so a spike is never lost', () => {
    const { times, values } = series(100_000, 54_321)
    const out = decimate(times, values, 0, 99_999, 500)
    expect(out.times.length).toBeLessThanOrEqual(4 * 501)
    expect(out.values).toContain(1_000)
    expect(out.times.every((t, i) => i === 0 || t > (out.times[i - 1] as number))).toBe(true)
    // Each column holds the extremes of its own points.
    const width = 99_999 / 500
    for (let column = 0; column < 500; column += 37) {
      const inColumn = (t: number): boolean => Math.floor(t / width) === column
      const all = [...values].filter((_, i) => inColumn(i))
      const kept = out.values.filter((_, i) => inColumn(out.times[i] as number))
      expect(Math.min(...kept)).toBe(Math.min(...all))
      expect(Math.max(...kept)).toBe(Math.max(...all))
      expect(kept[0]).toBe(all[0])
      expect(kept[kept.length - 1]).toBe(all[all.length - 1])
    }
    expect([out.min, out.max]).toEqual([Math.min(...values), 1_000])
  })

  it('keeps a gap in a column as a NaN point, and a column of gaps as one', () => {
    const times = Float64Array.from({ length: 1_000 }, (_, i) => i)
    const values = Float64Array.from({ length: 1_000 }, (_, i) => (i >= 400 && i < 600 ? Number.NaN : i))
    const out = decimate(times, values, 0, 999, 10)
    const gaps = out.times.filter((_, i) => Number.isNaN(out.values[i] as number))
    // Columns of 100 ms: 399.9–499.8 and 499.8–599.7 hold gaps (the first NaN of each), the rest none.
    expect(gaps).toEqual([400, 500])
    expect(out.values.filter((v) => !Number.isNaN(v)).includes(399)).toBe(true)
    expect(out.values.includes(600)).toBe(true)
  })

  it('decimates only the span in view, with the nearest point outside each edge kept as it is', () => {
    const { times, values } = series(10_000, 9_000)
    const out = decimate(times, values, 2_000, 3_000, 50)
    expect(out.times[0]).toBe(1_999)
    expect(out.times[out.times.length - 1]).toBe(3_001)
    expect(out.times.length).toBeLessThanOrEqual(4 * 51 + 2)
    // The spike at 9,000 is outside: not in view, not in the range.
    expect(out.values).not.toContain(1_000)
    expect(out.max).toBe(Math.max(...values.subarray(2_000, 3_001)))
  })

  it('draws nothing and has no range for an empty series', () => {
    const out = decimate(f64(), f64(), 0, 1, 100)
    expect(out.times).toEqual([])
    expect([out.min, out.max]).toEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
  })

  it('draws the same from the columns it has done as from all points, while a window slides, points arrive, and it pans', () => {
    let seed = 7
    const random = (): number => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647)
    const times: number[] = []
    const values: number[] = []
    const kept = new Decimated()
    const check = (from: number, to: number, generation: number): void => {
      const all = Float64Array.from(times)
      const fresh = new Decimated()
      fresh.fill(all, Float64Array.from(values), times.length, from, to, 300, generation)
      kept.fill(all, Float64Array.from(values), times.length, from, to, 300, generation)
      expect([...kept.times.subarray(0, kept.length)]).toEqual([...fresh.times.subarray(0, fresh.length)])
      expect([...kept.values.subarray(0, kept.length)]).toEqual([...fresh.values.subarray(0, fresh.length)])
      expect([kept.min, kept.max]).toEqual([fresh.min, fresh.max])
    }
    let now = 0
    for (let frame = 0; frame < 400; frame++) {
      for (let i = 0; i < 40; i++) {
        now += Math.floor(random() * 3)
        times.push(now)
        values.push(random() < 0.02 ? Number.NaN : random() < 0.01 ? 1_000 * random() : random())
      }
      check(now - 5_000, now, 0)
    }
    // A zoom, then panned back and forth (same width), then the points started over.
    check(now - 3_000, now - 1_000, 0)
    check(now - 3_500, now - 1_500, 0)
    check(now - 2_500, now - 500, 0)
    check(now - 5_000, now, 1)
  })
})
