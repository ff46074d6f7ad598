import { z } from 'zod'
import { topicNameSchema } from './common'
import { MAX_SERIES_PER_QUERY, fieldPathTextSchema, seriesDecodingSchema } from './series'

/** Charts a profile keeps. */
export const MAX_CHARTS = 20
/** Series one chart holds: within MAX_SERIES_PER_QUERY, so one model:series request reads a whole chart. */
export const MAX_CHART_SERIES = Math.min(10, MAX_SERIES_PER_QUERY)

/** How much of the past a chart shows while it follows new points. */
export const CHART_WINDOWS = ['1m', '10m', '1h', 'all'] as const
export const chartWindowSchema = z.enum(CHART_WINDOWS)
export type ChartWindow = z.infer<typeof chartWindowSchema>

/** Lines, points only, or steps (a value holds until the next: for states and set-points). */
export const chartStyleSchema = z.enum(['lines', 'points', 'step'])
export type ChartStyle = z.infer<typeof chartStyleSchema>

export const chartSeriesSchema = z.object({
  topic: topicNameSchema,
  /** A field of the payloads (`a.b[2].c`, a Sparkplug metric `metrics["Temperature"]`); empty plots the payload itself. */
  path: fieldPathTextSchema.default(''),
  /** How the payloads are read; charts saved before decodings existed have none: `auto`, as the profile says. */
  decoding: seriesDecodingSchema.optional(),
  /** Which y-axis: a second one on the right for a series of another unit or range. */
  axis: z.enum(['left', 'right']).default('left')
})
export type ChartSeries = z.infer<typeof chartSeriesSchema>

export const chartDefinitionSchema = z.object({
  id: z.string().min(1).max(100),
  title: z.string().trim().max(200, 'Keep the chart title under 200 characters.').default(''),
  series: z.array(chartSeriesSchema).max(MAX_CHART_SERIES, `A chart plots at most ${MAX_CHART_SERIES} series.`).default([]),
  window: chartWindowSchema.default('10m'),
  style: chartStyleSchema.default('lines')
})
export type ChartDefinition = z.infer<typeof chartDefinitionSchema>

/** A profile's charts; profiles saved before charts existed load with none. */
export const chartsSchema = z.array(chartDefinitionSchema).max(MAX_CHARTS, `A profile keeps at most ${MAX_CHARTS} charts.`)
