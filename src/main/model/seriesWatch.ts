import { MAX_WATCH_POINTS_PER_DELTA, type SeriesUpdate, type WatchedSeriesPoints } from '../../shared/contract'
import type { ProfileDecoders } from '../../shared/decoders'
import type { SeriesDecoding } from '../../shared/series'
import type { ConnectionModel } from './connectionModel'
import { newReading, seriesAfter } from './seriesQuery'
import { seriesReader, type SeriesReader } from './seriesReader'

/** One watched series: what it reads and the position on its topic of the last point sent. */
interface Watched {
  topic: string
  path: string
  read: SeriesReader
  cursor: number
}

/** What a watch asks for: a chart's series and where its points end. */
export interface WatchSpec {
  topic: string
  path: string
  /** How payloads are read; absent is `auto` (see seriesReader). */
  decoding?: SeriesDecoding | undefined
  afterSeq: number
}

/** A series' share of a delta's points never falls below this, however many series are watched. */
const MIN_POINTS_PER_SERIES = 1_000

/**
 * The series one receiver watches on one connection (its charts), as part of its delta stream: each delta
 * carries the points of every message since each series' cursor, read from the history when the delta is
 * built. So a chart gets every message's point (not the latest per frame) at its receiver's pace, with no
 * request per frame; a flood is bounded per delta and caught up over the next ones, oldest first.
 */
export class SeriesWatches {
  private readonly watches = new Map<string, Watched[]>()

  constructor(private readonly model: ConnectionModel) {}

  get size(): number {
    return this.watches.size
  }

  /** Starts (or replaces) a watch; the paths were checked by the contract, `decoders` say how `auto` series decode. */
  watch(watchId: string, specs: readonly WatchSpec[], decoders?: ProfileDecoders): void {
    this.watches.set(
      watchId,
      specs.map((spec) => ({ topic: spec.topic, path: spec.path, read: seriesReader(this.model, spec, decoders), cursor: spec.afterSeq }))
    )
  }

  unwatch(watchId: string): boolean {
    return this.watches.delete(watchId)
  }

  has(watchId: string): boolean {
    return this.watches.has(watchId)
  }

  clear(): void {
    this.watches.clear()
  }

  /** Some watched series has points not sent yet (a topic that started over counts: its restart must be told). */
  get hasNews(): boolean {
    for (const series of this.watches.values()) for (const watched of series) if (this.newPoints(watched) !== 0) return true
    return false
  }

  /** The new points of every watch, bounded for the delta; cursors move past what is returned. */
  collect(): SeriesUpdate[] | undefined {
    let waiting = 0
    for (const series of this.watches.values()) for (const watched of series) if (this.newPoints(watched) !== 0) waiting++
    if (waiting === 0) return undefined
    const bound = Math.max(MIN_POINTS_PER_SERIES, Math.floor(MAX_WATCH_POINTS_PER_DELTA / waiting))
    const reading = newReading()
    const updates: SeriesUpdate[] = []
    for (const [watchId, series] of this.watches) {
      const points: WatchedSeriesPoints[] = []
      series.forEach((watched, index) => {
        if (this.newPoints(watched) === 0) return
        const columns = seriesAfter(this.model, watched.topic, watched.path, watched.read, watched.cursor, bound, reading)
        watched.cursor = columns.lastSeq
        points.push({ index, columns })
      })
      if (points.length > 0) updates.push({ watchId, series: points })
    }
    return updates
  }

  /** Messages on the series' topic since its cursor; −1 when the topic started over (its count fell below the cursor). */
  private newPoints(watched: Watched): number {
    const entry = this.model.topics.get(watched.topic)
    if (!entry) return 0
    return entry.count < watched.cursor ? -1 : entry.count - watched.cursor
  }
}
