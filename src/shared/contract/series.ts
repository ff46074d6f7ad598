import { z } from 'zod'
import { isPathError, MAX_FIELD_PATH_LENGTH, parseFieldPath, SERIES_DECODINGS } from '../series'
import { connectionIdSchema, topicNameSchema } from './common'
import { defineRequest } from './define'

/** Series one model:series request may ask for (a chart's series, or several charts' at once). */
export const MAX_SERIES_PER_QUERY = 32
/** Points one series may return: a topic keeps at most 100,000 messages (ModelSettings.historyLimit). */
export const MAX_SERIES_POINTS = 100_000

/** A field path as text (`a.b[2].c`; empty for the whole payload), checked with parseFieldPath. */
export const fieldPathTextSchema = z
  .string()
  .max(MAX_FIELD_PATH_LENGTH)
  .superRefine((value, ctx) => {
    const parsed = parseFieldPath(value)
    if (isPathError(parsed)) ctx.addIssue({ code: 'custom', message: parsed.error })
  })

/** How a series reads its payloads (see SERIES_DECODINGS); absent is `auto`, what the profile says for the topic. */
export const seriesDecodingSchema = z.enum(SERIES_DECODINGS)

/** What one plotted series reads: a topic's payloads, or one field of them, decoded as `decoding` says. */
export const seriesSourceSchema = z.object({ topic: topicNameSchema, path: fieldPathTextSchema.default(''), decoding: seriesDecodingSchema.optional() })

/**
 * One series' points in columns (one block each, never an object per point), oldest first. A value that
 * is not a number is NaN: a gap at its time.
 */
export interface SeriesColumns {
  topic: string
  path: string
  /** receivedAt of each point, milliseconds since the epoch, ascending. */
  times: Float64Array
  values: Float64Array
  /** Position on its topic of the newest point returned (MessageRecord.seq), or the request's afterSeq when none is new. */
  lastSeq: number
  /** Position on its topic of the oldest point returned; 0 when none was. */
  firstSeq: number
  /** The topic exists in the model (a chart may name a topic that has not arrived yet). */
  exists: boolean
  /** The topic started over (cleared, or removed and seen again) since afterSeq: replace the points instead of appending. */
  restarted: boolean
  /** Older points within the query were left out by the limit. */
  limited: boolean
}

const seriesQuerySchema = seriesSourceSchema.extend({
  /** Only messages after this position on the topic: how a chart asks for what is new since its last point. */
  afterSeq: z.number().int().min(0).optional(),
  /** Only messages before this position on the topic: how a chart fills in the older points after a quick first look. */
  beforeSeq: z.number().int().min(1).optional()
})

/** Live series one receiver may watch at a time, on all its connections (20 charts, a few pages' worth). */
export const MAX_SERIES_WATCHES = 64
/**
 * Points of watched series one delta carries at most, all series together (≈ 1.6 MB of columns): a series
 * with more new points than its share catches up over the next deltas, oldest first, so none is skipped.
 */
export const MAX_WATCH_POINTS_PER_DELTA = 100_000

/** New points of one watched series, in a delta; `index` is its place in the model:watchSeries request. */
export interface WatchedSeriesPoints {
  index: number
  columns: SeriesColumns
}

/** New points of one watch (a chart), in a delta of the watch's connection. */
export interface SeriesUpdate {
  watchId: string
  series: WatchedSeriesPoints[]
}

const watchIdSchema = z.string().min(1).max(100)

export const seriesRequests = {
  /** Points of one or more series from main's history, as columns; `since` (ms since the epoch) and `limit` bound each series. */
  'model:series': defineRequest<{ series: SeriesColumns[] }>()(
    z.object({
      connectionId: connectionIdSchema,
      series: z.array(seriesQuerySchema).min(1).max(MAX_SERIES_PER_QUERY),
      since: z.number().min(0).optional(),
      limit: z.number().int().min(1).max(MAX_SERIES_POINTS).default(MAX_SERIES_POINTS)
    })
  ),
  /**
   * The caller's delta stream of the connection carries the points of every new message of these series from
   * their `afterSeq` on (ModelDelta.series), at the caller's own pace; a watch with the same id is replaced.
   */
  'model:watchSeries': defineRequest<{ watching: number }>()(
    z.object({
      connectionId: connectionIdSchema,
      watchId: watchIdSchema,
      series: z.array(seriesSourceSchema.extend({ afterSeq: z.number().int().min(0).default(0) })).min(1).max(MAX_SERIES_PER_QUERY)
    })
  ),
  /** Stops a watch (a chart closed or paused); its points stop coming with the next delta. */
  'model:unwatchSeries': defineRequest<{ removed: boolean }>()(z.object({ connectionId: connectionIdSchema, watchId: watchIdSchema }))
} as const
