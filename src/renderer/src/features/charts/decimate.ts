/**
 * What the plot draws of one series: at most a few points per pixel column of the time span in view, so a
 * redraw costs about the plot's width, not the series' length (uPlot strokes every point it is given: 4 × 60,000
 * points took longer than a frame). Each column keeps its first, lowest, highest and last point (M4), in time
 * order, and its first gap (NaN) so a hole stays a hole: the line drawn through them covers the same pixels as
 * the line through every point, and a spike is never lost. The legend, the hover read-out and the CSV read the
 * series' own columns, not these.
 */
export class Decimated {
  times = new Float64Array(0)
  values = new Float64Array(0)
  length = 0
  /** Lowest and highest number among the points within the span (+∞/−∞ when there is none). */
  min = Number.POSITIVE_INFINITY
  max = Number.NEGATIVE_INFINITY

  /**
   * Decimates points [0, count) of `times`/`values` (times ascending) within [from, to] into `columns` time
   * columns. The nearest point before `from` and after `to` are kept as they are, so lines run to the plot's edges.
   */
  fill(times: Float64Array, values: Float64Array, count: number, from: number, to: number, columns: number): void {
    const first = firstAfter(times, count, from, false)
    const end = firstAfter(times, count, to, true)
    const lo = first > 0 ? first - 1 : first
    const hi = end < count ? end + 1 : end
    this.length = 0
    this.min = Number.POSITIVE_INFINITY
    this.max = Number.NEGATIVE_INFINITY
    // A time at `to` falls in one more column; five points a column at most, and the two outside the span.
    this.reserve(Math.min(hi - lo, 5 * (columns + 1) + 2))
    if (lo < first) this.push(times, values, lo)
    if (end - first <= 4 * columns) this.copy(times, values, first, end)
    else this.buckets(times, values, first, end, from, (to - from) / columns || 1)
    if (end < hi) this.push(times, values, end)
  }

  /** Few points in view: every one is drawn. */
  private copy(times: Float64Array, values: Float64Array, start: number, end: number): void {
    for (let i = start; i < end; i++) {
      this.push(times, values, i)
      this.extend(values[i] as number)
    }
  }

  private buckets(times: Float64Array, values: Float64Array, start: number, end: number, from: number, width: number): void {
    const picked = new Float64Array(5)
    let bucket = -1
    let firstAt = -1
    let lastAt = -1
    let minAt = -1
    let maxAt = -1
    let gapAt = -1
    const flush = (): void => {
      // Index order is time order; the first point of a column may also be its lowest, so each goes in once.
      let n = insertIndex(picked, 0, firstAt)
      n = insertIndex(picked, n, minAt)
      n = insertIndex(picked, n, maxAt)
      n = insertIndex(picked, n, lastAt)
      n = insertIndex(picked, n, gapAt)
      for (let k = 0; k < n; k++) this.push(times, values, picked[k] as number)
    }
    for (let i = start; i < end; i++) {
      const column = Math.floor(((times[i] as number) - from) / width)
      if (column !== bucket) {
        if (bucket !== -1) flush()
        bucket = column
        firstAt = lastAt = minAt = maxAt = gapAt = -1
      }
      const value = values[i] as number
      if (Number.isNaN(value)) {
        if (gapAt < 0) gapAt = i
        continue
      }
      if (firstAt < 0) firstAt = minAt = maxAt = i
      else if (value < (values[minAt] as number)) minAt = i
      else if (value > (values[maxAt] as number)) maxAt = i
      lastAt = i
      this.extend(value)
    }
    if (bucket !== -1) flush()
  }

  private extend(value: number): void {
    if (value < this.min) this.min = value
    if (value > this.max) this.max = value
  }

  private push(times: Float64Array, values: Float64Array, at: number): void {
    this.times[this.length] = times[at] as number
    this.values[this.length++] = values[at] as number
  }

  /** Room for `size` points; columns are reused from redraw to redraw. */
  private reserve(size: number): void {
    if (size <= this.times.length) return
    this.times = new Float64Array(size)
    this.values = new Float64Array(size)
  }
}

/** Index of the first time at or after `time` (after it when `strictly`), count when none is. */
function firstAfter(times: Float64Array, count: number, time: number, strictly: boolean): number {
  let low = 0
  let high = count
  while (low < high) {
    const mid = (low + high) >>> 1
    const at = times[mid] as number
    if (at < time || (strictly && at === time)) low = mid + 1
    else high = mid
  }
  return low
}

/** Puts index `at` (when ≥ 0 and not there yet) into the ascending first `n` of `into`; returns the new count. */
function insertIndex(into: Float64Array, n: number, at: number): number {
  if (at < 0) return n
  let k = n
  while (k > 0 && (into[k - 1] as number) > at) k--
  if (k > 0 && into[k - 1] === at) return n
  into.copyWithin(k + 1, k, n)
  into[k] = at
  return n + 1
}
