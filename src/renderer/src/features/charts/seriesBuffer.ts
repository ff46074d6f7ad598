import { MAX_SERIES_POINTS } from '@shared/contract'

/** Points one series keeps in the page: as many as main keeps for a topic, so "all kept history" fits. */
export const MAX_BUFFERED_POINTS = MAX_SERIES_POINTS

/** last/min/max/mean of the numbers among the points (NaN when there are none), and how many points were gaps. */
export interface SeriesStats {
  points: number
  gaps: number
  last: number
  min: number
  max: number
  mean: number
}

/**
 * One series' points in growable columns, times ascending; values NaN where the payload was no number (a
 * gap). Oldest points are dropped past MAX_BUFFERED_POINTS. The chart reads `times`/`values` views as they are.
 */
export class SeriesBuffer {
  private timeColumn = new Float64Array(1024)
  private valueColumn = new Float64Array(1024)
  length = 0

  get times(): Float64Array {
    return this.timeColumn.subarray(0, this.length)
  }

  get values(): Float64Array {
    return this.valueColumn.subarray(0, this.length)
  }

  /** Adds points newer than those held. */
  append(times: Float64Array, values: Float64Array): void {
    const incoming = Math.min(times.length, MAX_BUFFERED_POINTS)
    const skip = times.length - incoming
    const keep = Math.min(this.length, MAX_BUFFERED_POINTS - incoming)
    if (keep < this.length) this.dropOldest(this.length - keep)
    this.reserve(keep + incoming)
    this.timeColumn.set(times.subarray(skip), keep)
    this.valueColumn.set(values.subarray(skip), keep)
    this.length = keep + incoming
  }

  /** Adds points older than those held (the rest of a back-fill); those beyond the bound are left out, oldest first. */
  prepend(times: Float64Array, values: Float64Array): void {
    const incoming = Math.min(times.length, MAX_BUFFERED_POINTS - this.length)
    if (incoming <= 0) return
    const skip = times.length - incoming
    this.reserve(this.length + incoming)
    this.timeColumn.copyWithin(incoming, 0, this.length)
    this.valueColumn.copyWithin(incoming, 0, this.length)
    this.timeColumn.set(times.subarray(skip), 0)
    this.valueColumn.set(values.subarray(skip), 0)
    this.length += incoming
  }

  /** Holds exactly these points (a back-fill, or a topic that started over). */
  replace(times: Float64Array, values: Float64Array): void {
    this.length = 0
    this.append(times, values)
  }

  clear(): void {
    this.length = 0
  }

  /** Drops points older than `time`. */
  dropBefore(time: number): void {
    this.dropOldest(this.firstAtOrAfter(time))
  }

  /** Index of the first point at or after `time` (length when none is). */
  firstAtOrAfter(time: number): number {
    let low = 0
    let high = this.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if ((this.timeColumn[mid] as number) < time) low = mid + 1
      else high = mid
    }
    return low
  }

  /** Index of the point nearest to `time`, or -1 when empty. */
  nearest(time: number): number {
    if (this.length === 0) return -1
    const after = this.firstAtOrAfter(time)
    if (after === 0) return 0
    if (after === this.length) return this.length - 1
    return time - (this.timeColumn[after - 1] as number) <= (this.timeColumn[after] as number) - time ? after - 1 : after
  }

  /** Statistics of the points from index `from` on (the chart's window). */
  stats(from = 0): SeriesStats {
    let gaps = 0
    let count = 0
    let sum = 0
    let min = Number.POSITIVE_INFINITY
    let max = Number.NEGATIVE_INFINITY
    let last = Number.NaN
    const values = this.valueColumn
    for (let i = from; i < this.length; i++) {
      const value = values[i] as number
      if (Number.isNaN(value)) {
        gaps++
        continue
      }
      count++
      sum += value
      if (value < min) min = value
      if (value > max) max = value
      last = value
    }
    return count === 0
      ? { points: this.length - from, gaps, last, min: Number.NaN, max: Number.NaN, mean: Number.NaN }
      : { points: this.length - from, gaps, last, min, max, mean: sum / count }
  }

  private dropOldest(count: number): void {
    if (count <= 0) return
    this.timeColumn.copyWithin(0, count, this.length)
    this.valueColumn.copyWithin(0, count, this.length)
    this.length -= count
  }

  private reserve(size: number): void {
    if (size <= this.timeColumn.length) return
    const capacity = Math.min(Math.max(size, this.timeColumn.length * 2), MAX_BUFFERED_POINTS)
    const times = new Float64Array(capacity)
    const values = new Float64Array(capacity)
    times.set(this.times)
    values.set(this.values)
    this.timeColumn = times
    this.valueColumn = values
  }
}
