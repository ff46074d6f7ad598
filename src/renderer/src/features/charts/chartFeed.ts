import type { ArgsOf, ChartSeries, ChartWindow, ReplyOf, SeriesColumns, WatchedSeriesPoints } from '@shared/contract'
import { errorMessage } from '../../lib/errorMessage'
import type { ChartMain } from '../../services/series'
import { seriesSource } from './plotSeries'
import { MAX_BUFFERED_POINTS, SeriesBuffer } from './seriesBuffer'

let watches = 0

/** Points per series of the first request: drawn at once, the older ones follow in the next requests. */
export const QUICK_POINTS = 2_000
/**
 * Points of all series together in one request for older points. Main reads them in one go on its thread, so
 * one request for all of 10 × 100,000 points held up the next chart's first request (and everything else main
 * answers) by a second; chunks of this size keep each read to tens of milliseconds.
 */
export const OLDER_POINTS = 50_000

/** Each window's span in milliseconds; `all` is every point main keeps. */
export const WINDOW_MS: Readonly<Record<ChartWindow, number>> = { '1m': 60_000, '10m': 600_000, '1h': 3_600_000, all: Number.POSITIVE_INFINITY }

/**
 * The points of one chart's series: back-filled from main's history (the newest points first, then the older
 * ones, a chunk at a time), then extended by a watch: main puts the points of every message since each series'
 * cursor into this page's delta stream, at the page's pace, so nothing is skipped and nothing is asked for per
 * frame. Points older than the window are dropped. One request for the whole chart at a time.
 */
export class ChartFeed {
  readonly buffers: SeriesBuffer[]
  /** Whether main has the topic at all (false: nothing arrived yet). */
  readonly exists: boolean[]
  /** The sentence of the last failed request, null after one succeeds. */
  error: string | null = null
  /** Bumped whenever points change, so the chart redraws only then. */
  version = 0
  private readonly cursors: number[]
  /** Per series, the position of its oldest point when older ones are still to be fetched; 0 when none are. */
  private readonly olderBefore: number[]
  private pending: Promise<void> | null = null
  private filled = false
  private readonly watchId = `chart-${++watches}`
  /** Main sends the points of new messages (watch asked for and not stopped since). */
  private watching = false
  private paused = false
  private disposed = false
  private unlisten: (() => void) | null = null

  constructor(
    private readonly connectionId: string,
    readonly series: readonly ChartSeries[],
    readonly window: ChartWindow,
    private readonly main: ChartMain,
    private readonly now: () => number = Date.now
  ) {
    this.buffers = series.map(() => new SeriesBuffer())
    this.exists = series.map(() => false)
    this.cursors = series.map(() => 0)
    this.olderBefore = series.map(() => 0)
  }

  /** Start of the window in main's time; −∞ for `all`. */
  windowStart(): number {
    return this.latestTime() - WINDOW_MS[this.window]
  }

  /** The newest time the chart knows of: now, or a newer point's time when main's clock runs ahead. */
  latestTime(): number {
    let latest = this.now()
    for (const buffer of this.buffers) if (buffer.length > 0) latest = Math.max(latest, buffer.times[buffer.length - 1] as number)
    return latest
  }

  /**
   * Takes the next step (the window's newest points, then the older ones, then the watch of new ones); resolves
   * false when a request was still out or nothing was left to ask, so callers may ask on every frame.
   */
  update(): Promise<boolean> {
    if (this.pending || this.series.length === 0 || this.disposed) return Promise.resolve(false)
    if (this.filled && !this.olderBefore.some((seq) => seq > 0) && (this.watching || this.paused)) return Promise.resolve(false)
    this.pending = this.request().finally(() => (this.pending = null))
    return this.pending.then(() => true)
  }

  /** Paused: main stops sending new points; resumed: they come again from where they stopped, none skipped. */
  setPaused(paused: boolean): void {
    if (paused === this.paused) return
    this.paused = paused
    if (paused) this.stopWatching()
  }

  /** The chart is gone: main stops sending its points. */
  dispose(): void {
    this.disposed = true
    this.stopWatching()
  }

  /** Drops every point held; only points of messages after this arrive from now on. */
  clear(): void {
    for (const buffer of this.buffers) buffer.clear()
    this.version++
  }

  private async request(): Promise<void> {
    const since = this.window === 'all' ? undefined : Math.max(0, this.now() - WINDOW_MS[this.window])
    try {
      if (!this.filled) await this.firstFill(since)
      else if (this.olderBefore.some((seq) => seq > 0)) await this.fillOlder(since)
      else await this.watch()
      this.error = null
    } catch (error) {
      this.error = `The chart could not read its points: ${errorMessage(error)} It tries again on the next frame.`
    }
    this.changed()
  }

  /** Points changed: drop those older than the window, and have the chart redraw. */
  private changed(): void {
    if (this.window !== 'all') {
      const start = this.windowStart()
      for (const buffer of this.buffers) buffer.dropBefore(start)
    }
    this.version++
  }

  private query(series: ArgsOf<'model:series'>['series'], since: number | undefined, limit?: number): Promise<ReplyOf<'model:series'>> {
    return this.main.series({ connectionId: this.connectionId, series, ...(since === undefined ? {} : { since }), ...(limit === undefined ? {} : { limit }) })
  }

  private async firstFill(since: number | undefined): Promise<void> {
    const reply = await this.query(this.series.map(seriesSource), since, QUICK_POINTS)
    reply.series.forEach((columns, i) => {
      this.exists[i] = columns.exists
      this.cursors[i] = columns.lastSeq
      this.olderBefore[i] = columns.limited ? columns.firstSeq : 0
      this.buffers[i]?.replace(columns.times, columns.values)
    })
    this.filled = true
  }

  private async fillOlder(since: number | undefined): Promise<void> {
    const wanted = this.series.flatMap((s, i) => ((this.olderBefore[i] ?? 0) > 0 ? [{ index: i, spec: { ...seriesSource(s), beforeSeq: this.olderBefore[i] as number } }] : []))
    const reply = await this.query(wanted.map((w) => w.spec), since, Math.max(1, Math.floor(OLDER_POINTS / wanted.length)))
    reply.series.forEach((columns, j) => {
      const index = (wanted[j] as { index: number }).index
      const buffer = this.buffers[index]
      buffer?.prepend(columns.times, columns.values)
      // A full buffer takes no older points: asking on would never end.
      this.olderBefore[index] = columns.limited && buffer && buffer.length < MAX_BUFFERED_POINTS ? columns.firstSeq : 0
    })
  }

  private async watch(): Promise<void> {
    this.unlisten ??= this.main.listen(this.connectionId, this.watchId, { points: (series) => this.receive(series), reset: () => this.rewatch() })
    const series = this.series.map((s, i) => ({ ...seriesSource(s), afterSeq: this.cursors[i] as number }))
    this.watching = true
    try {
      await this.main.watch({ connectionId: this.connectionId, watchId: this.watchId, series })
    } catch (error) {
      this.watching = false
      throw error
    }
    // Paused or closed while the request was out.
    if (this.paused || this.disposed) this.stopWatching()
  }

  /** The stream started over: main may have lost the watch, or sent points this page skipped; ask again from our cursors. */
  private rewatch(): void {
    if (!this.watching) return
    this.watching = false
    void this.update()
  }

  private stopWatching(): void {
    this.unlisten?.()
    this.unlisten = null
    if (!this.watching) return
    this.watching = false
    this.main.unwatch({ connectionId: this.connectionId, watchId: this.watchId }).catch(() => undefined)
  }

  /** Points of new messages from a delta. */
  private receive(series: readonly WatchedSeriesPoints[]): void {
    let applied = false
    for (const { index, columns } of series) {
      const buffer = this.buffers[index]
      if (!buffer) continue
      this.exists[index] = columns.exists
      const cursor = this.cursors[index] as number
      if (columns.restarted) buffer.replace(columns.times, columns.values)
      else if (columns.lastSeq > cursor) this.appendAfter(buffer, columns, cursor)
      else continue
      this.cursors[index] = columns.lastSeq
      applied = true
    }
    // Points the page had already: no redraw for them.
    if (applied) this.changed()
  }

  /** Appends the points past `cursor` (after a watch asked again, main may send some the page has). */
  private appendAfter(buffer: SeriesBuffer, columns: SeriesColumns, cursor: number): void {
    const known = Math.max(0, cursor - columns.firstSeq + 1)
    if (known === 0) buffer.append(columns.times, columns.values)
    else buffer.append(columns.times.subarray(known), columns.values.subarray(known))
  }
}
