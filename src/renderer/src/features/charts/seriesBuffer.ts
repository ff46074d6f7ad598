import { MAX_SERIES_POINTS } from '@shared/contract'

/** Points one series keeps in the page: as many as main keeps for a topic, so "all kept history" fits. */
export const MAX_BUFFERED_POINTS = MAX_SERIES_POINTS
/** The columns' largest size: room beyond the bound, so dropping the oldest points seldom moves the rest. */
const COLUMN_LIMIT = MAX_BUFFERED_POINTS + (MAX_BUFFERED_POINTS >> 1)

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
 * The points start at `head` in the columns: a live window drops its oldest points on every frame, and moving
 * the rest down each time cost a copy of the whole window per frame; they move only when the end runs out of room.
 */
export class SeriesBuffer {
  private timeColumn = new Float64Array(1024)
  private valueColumn = new Float64Array(1024)
  private head = 0
  length = 0
  /** Changes when points other than newer ones come or go (a prepend, a replace, a clear): what was drawn of them is stale. */
  generation = 0

  get times(): Float64Array {
    return this.timeColumn.subarray(this.head, this.head + this.length)
  }

  get values(): Float64Array {
    return this.valueColumn.subarray(this.head, this.head + this.length)
  }

  /** Adds points newer than those held. */
  append(times: Float64Array, values: Float64Array): void {
    const incoming = Math.min(times.length, MAX_BUFFERED_POINTS)
    const skip = times.length - incoming
    const keep = Math.min(this.length, MAX_BUFFERED_POINTS - incoming)
    if (keep < this.length) this.dropOldest(this.length - keep)
    this.reserve(keep + incoming)
    this.timeColumn.set(times.subarray(skip), this.head + keep)
    this.valueColumn.set(values.subarray(skip), this.head + keep)
    this.length = keep + incoming
  }

  /** Adds points older than those held (the rest of a back-fill); those beyond the bound are left out, oldest first. */
  prepend(times: Float64Array, values: Float64Array): void {
    const incoming = Math.min(times.length, MAX_BUFFERED_POINTS - this.length)
    if (incoming <= 0) return
    const skip = times.length - incoming
    if (this.head < incoming) {
      this.compact()
      this.reserve(this.length + incoming)
      this.timeColumn.copyWithin(incoming, 0, this.length)
      this.valueColumn.copyWithin(incoming, 0, this.length)
      this.head = incoming
    }
    this.head -= incoming
    this.timeColumn.set(times.subarray(skip), this.head)
    this.valueColumn.set(values.subarray(skip), this.head)
    this.length += incoming
    this.generation++
  }

  /** Holds exactly these points (a back-fill, or a topic that started over). */
  replace(times: Float64Array, values: Float64Array): void {
    this.clear()
    this.append(times, values)
  }

  clear(): void {
    this.head = 0
    this.length = 0
    this.generation++
  }

  /** Drops points older than `time`. */
  dropBefore(time: number): void {
    this.dropOldest(this.firstAtOrAfter(time))
  }

  /** Index of the first point at or after `time` (length when none is). */
  firstAtOrAfter(time: number): number {
    const head = this.head
    let low = 0
    let high = this.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if ((this.timeColumn[head + mid] as number) < time) low = mid + 1
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
    const at = this.head + after
    return time - (this.timeColumn[at - 1] as number) <= (this.timeColumn[at] as number) - time ? after - 1 : after
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
    for (let i = this.head + from; i < this.head + this.length; i++) {
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
    this.head = this.length === count ? 0 : this.head + count
    this.length -= count
  }

  /** Moves the points to the start of the columns. */
  private compact(): void {
    if (this.head === 0) return
    this.timeColumn.copyWithin(0, this.head, this.head + this.length)
    this.valueColumn.copyWithin(0, this.head, this.head + this.length)
    this.head = 0
  }

  /**
   * Room for `size` points from `head` on. Moving the points down is worth it only when that frees a quarter of
   * the columns; else they grow, up to half again the bound, so even a full window moves once per 50,000 points.
   */
  private reserve(size: number): void {
    const capacity = this.timeColumn.length
    if (this.head + size <= capacity) return
    if (size <= capacity * 0.75 || capacity >= COLUMN_LIMIT) {
      this.compact()
      return
    }
    const grown = Math.min(Math.max(capacity * 2, size + (size >> 1)), COLUMN_LIMIT)
    const times = new Float64Array(grown)
    const values = new Float64Array(grown)
    times.set(this.times)
    values.set(this.values)
    this.timeColumn = times
    this.valueColumn = values
    this.head = 0
  }
}
