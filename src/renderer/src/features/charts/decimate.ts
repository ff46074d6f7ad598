/**
 * What the plot draws of one series: at most a few points per pixel column of the time span in view, so a
 * redraw costs about the plot's width, not the series' length (uPlot strokes every point it is given: 4 × 60,000
 * points took longer than a frame). Each column keeps its first, lowest, highest and last point (M4), in time
 * order, and its first gap (NaN) so a hole stays a hole: the line drawn through them covers the same pixels as
 * the line through every point, and a spike is never lost. The legend, the hover read-out and the CSV read the
 * series' own columns, not these.
 *
 * Columns are multiples of the column width in absolute time, so while a window of fixed span slides (a live
 * chart: the same width on every frame) the columns it has done stay the same: those fully in view and older
 * than the newest point are kept and reused, and a redraw reads only the points of the first column (it is in
 * view only in part) and the points that arrived since.
 */
export class Decimated {
  times = new Float64Array(0)
  values = new Float64Array(0)
  length = 0
  /** Lowest and highest number among the points within the span (+∞/−∞ when there is none). */
  min = Number.POSITIVE_INFINITY
  max = Number.NEGATIVE_INFINITY
  /** Done columns: every point drawn of columns [doneFrom, doneUntil), oldest first, from `doneHead` on. */
  private doneTimes = new Float64Array(0)
  private doneValues = new Float64Array(0)
  private doneHead = 0
  private doneLength = 0
  private doneFrom = 0
  private doneUntil = 0
  /** What the done columns were made for: the column width and the series' generation (see SeriesBuffer). */
  private doneWidth = Number.NaN
  private doneGeneration = -1
  private readonly picked = new Float64Array(5)

  /**
   * Decimates points [0, count) of `times`/`values` (times ascending) within [from, to] into `columns` time
   * columns. The nearest point before `from` and after `to` are kept as they are, so lines run to the plot's edges.
   * `generation` changes whenever points other than newer ones were added or removed (done columns are then stale).
   */
  fill(times: Float64Array, values: Float64Array, count: number, from: number, to: number, columns: number, generation = 0): void {
    const first = firstAfter(times, count, from, false)
    const end = firstAfter(times, count, to, true)
    this.length = 0
    this.min = Number.POSITIVE_INFINITY
    this.max = Number.NEGATIVE_INFINITY
    // Five points a column at most; a span not on column bounds touches two more; and the two outside the span.
    this.reserve(5 * (columns + 2) + 2)
    if (first > 0) this.push(times[first - 1] as number, values[first - 1] as number)
    if (end - first <= 4 * columns) this.copy(times, values, first, end)
    else this.decimate(times, values, count, first, end, to, (to - from) / columns || 1, generation)
    if (end < count) this.push(times[end] as number, values[end] as number)
  }

  /** Few points in view: every one is drawn. */
  private copy(times: Float64Array, values: Float64Array, start: number, end: number): void {
    for (let i = start; i < end; i++) this.pushExtending(times[i] as number, values[i] as number)
  }

  private decimate(times: Float64Array, values: Float64Array, count: number, first: number, end: number, to: number, width: number, generation: number): void {
    // Columns are told apart by number (time ÷ width, rounded down), never by a bound computed back from one.
    const lastInView = Math.floor(to / width)
    // The first column, in view only from `from` on: always from its points.
    const second = Math.floor((times[first] as number) / width) + 1
    const secondAt = Math.min(firstInColumn(times, count, second, width), end)
    this.columns(times, values, first, secondAt, width, Number.NEGATIVE_INFINITY)
    // Done columns are reused when they go on from the second column without a hole and all are in view.
    const reusable = width === this.doneWidth && generation === this.doneGeneration && this.doneFrom <= second && this.doneUntil <= lastInView
    if (!reusable) {
      this.doneWidth = width
      this.doneGeneration = generation
      this.doneHead = this.doneLength = 0
      this.doneUntil = second
    }
    this.dropDoneBefore(second, width)
    this.doneFrom = second
    if (this.doneUntil < second) this.doneUntil = second
    for (let i = this.doneHead; i < this.doneHead + this.doneLength; i++) this.pushExtending(this.doneTimes[i] as number, this.doneValues[i] as number)
    // A column is done when it is wholly in view and a newer point lies past it: no point will join it.
    const doneBefore = Math.min(lastInView, Math.floor((times[count - 1] as number) / width))
    this.columns(times, values, Math.max(secondAt, firstInColumn(times, count, this.doneUntil, width)), end, width, doneBefore)
  }

  /** The columns of points [start, end); those before column `doneBefore` are also kept as done. */
  private columns(times: Float64Array, values: Float64Array, start: number, end: number, width: number, doneBefore: number): void {
    let column = Number.NaN
    let firstAt = -1
    let lastAt = -1
    let minAt = -1
    let maxAt = -1
    let gapAt = -1
    for (let i = start; i <= end; i++) {
      const next = i < end ? Math.floor((times[i] as number) / width) : Number.NaN
      if (next !== column) {
        if (!Number.isNaN(column)) this.flush(times, values, column < doneBefore, firstAt, minAt, maxAt, lastAt, gapAt)
        if (i === end) break
        column = next
        firstAt = lastAt = minAt = maxAt = gapAt = -1
        if (column < doneBefore) this.doneUntil = column + 1
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
    }
  }

  /** Draws one column's points in index order (which is time order), each once (the first may also be the lowest). */
  private flush(times: Float64Array, values: Float64Array, done: boolean, firstAt: number, minAt: number, maxAt: number, lastAt: number, gapAt: number): void {
    const picked = this.picked
    let n = insertIndex(picked, 0, firstAt)
    n = insertIndex(picked, n, minAt)
    n = insertIndex(picked, n, maxAt)
    n = insertIndex(picked, n, lastAt)
    n = insertIndex(picked, n, gapAt)
    for (let k = 0; k < n; k++) {
      const index = picked[k] as number
      this.pushExtending(times[index] as number, values[index] as number)
      if (done) this.keepDone(times[index] as number, values[index] as number)
    }
  }

  private pushExtending(time: number, value: number): void {
    this.push(time, value)
    if (value < this.min) this.min = value
    if (value > this.max) this.max = value
  }

  private push(time: number, value: number): void {
    this.times[this.length] = time
    this.values[this.length++] = value
  }

  private dropDoneBefore(column: number, width: number): void {
    const end = this.doneHead + this.doneLength
    let at = this.doneHead
    while (at < end && Math.floor((this.doneTimes[at] as number) / width) < column) at++
    this.doneLength -= at - this.doneHead
    this.doneHead = this.doneLength === 0 ? 0 : at
  }

  private keepDone(time: number, value: number): void {
    if (this.doneHead + this.doneLength === this.doneTimes.length) {
      // Full: move the points to the start, or make room for twice as many.
      const grown = this.doneLength * 2 >= this.doneTimes.length
      const times = grown ? new Float64Array(Math.max(64, this.doneLength * 2)) : this.doneTimes
      const values = grown ? new Float64Array(times.length) : this.doneValues
      times.set(this.doneTimes.subarray(this.doneHead, this.doneHead + this.doneLength))
      values.set(this.doneValues.subarray(this.doneHead, this.doneHead + this.doneLength))
      this.doneTimes = times
      this.doneValues = values
      this.doneHead = 0
    }
    this.doneTimes[this.doneHead + this.doneLength] = time
    this.doneValues[this.doneHead + this.doneLength++] = value
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

/** Index of the first time in column `column` or a later one (count when none is). */
function firstInColumn(times: Float64Array, count: number, column: number, width: number): number {
  let low = 0
  let high = count
  while (low < high) {
    const mid = (low + high) >>> 1
    if (Math.floor((times[mid] as number) / width) < column) low = mid + 1
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
