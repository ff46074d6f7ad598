import type { ArgsOf, ChartSeries, ChartWindow, ReplyOf } from '@shared/contract'
import { errorMessage } from '../../lib/errorMessage'
import { seriesSource } from './plotSeries'
import { SeriesBuffer } from './seriesBuffer'

/** How a feed asks main for points (the series service; a test passes its own main). */
export type FetchSeries = (args: ArgsOf<'model:series'>) => Promise<ReplyOf<'model:series'>>

/** Points per series of the first request: drawn at once, the older ones follow in the next requests. */
export const QUICK_POINTS = 2_000

/** Each window's span in milliseconds; `all` is every point main keeps. */
export const WINDOW_MS: Readonly<Record<ChartWindow, number>> = { '1m': 60_000, '10m': 600_000, '1h': 3_600_000, all: Number.POSITIVE_INFINITY }

/**
 * The points of one chart's series: back-filled from main's history, then extended with the points of every
 * message since (main's cursor per series, so nothing between two requests is skipped), one request for the
 * whole chart at a time. Points older than the window are dropped.
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

  constructor(
    private readonly connectionId: string,
    readonly series: readonly ChartSeries[],
    readonly window: ChartWindow,
    private readonly fetch: FetchSeries,
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
   * Fetches what is new (the window's points on the first call); resolves false when a request was still
   * out, so callers may ask on every frame without piling up requests.
   */
  update(): Promise<boolean> {
    if (this.pending || this.series.length === 0) return Promise.resolve(false)
    this.pending = this.request().finally(() => (this.pending = null))
    return this.pending.then(() => true)
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
      else await this.extend(since)
      this.error = null
    } catch (error) {
      this.error = `The chart could not read its points: ${errorMessage(error)} It tries again on the next frame.`
    }
    if (this.window !== 'all') {
      const start = this.windowStart()
      for (const buffer of this.buffers) buffer.dropBefore(start)
    }
    this.version++
  }

  private query(series: ArgsOf<'model:series'>['series'], since: number | undefined, limit?: number): Promise<ReplyOf<'model:series'>> {
    return this.fetch({ connectionId: this.connectionId, series, ...(since === undefined ? {} : { since }), ...(limit === undefined ? {} : { limit }) })
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
    const reply = await this.query(wanted.map((w) => w.spec), since)
    reply.series.forEach((columns, j) => {
      const index = (wanted[j] as { index: number }).index
      this.olderBefore[index] = 0
      this.buffers[index]?.prepend(columns.times, columns.values)
    })
  }

  private async extend(since: number | undefined): Promise<void> {
    const reply = await this.query(this.series.map((s, i) => ({ ...seriesSource(s), afterSeq: this.cursors[i] as number })), since)
    reply.series.forEach((columns, i) => {
      const buffer = this.buffers[i]
      if (!buffer) return
      this.exists[i] = columns.exists
      this.cursors[i] = columns.lastSeq
      if (columns.restarted) buffer.replace(columns.times, columns.values)
      else if (columns.times.length > 0) buffer.append(columns.times, columns.values)
    })
  }
}
