import { MAX_CHARTS, MAX_CHART_SERIES, type ChartDefinition, type ChartSeries } from '@shared/contract'

/** Whether two series read the same: topic, field and decoding (absent is `auto`). */
export function sameSeries(a: ChartSeries, b: ChartSeries): boolean {
  return a.topic === b.topic && a.path === b.path && (a.decoding ?? 'auto') === (b.decoding ?? 'auto')
}

/** What main reads for a series (model:series, model:watchSeries): topic, field, and the decoding when one was chosen. */
export function seriesSource(series: ChartSeries): Pick<ChartSeries, 'topic' | 'path' | 'decoding'> {
  return series.decoding ? { topic: series.topic, path: series.path, decoding: series.decoding } : { topic: series.topic, path: series.path }
}

/** A new, empty chart with the next free "Chart N" title. */
export function newChart(charts: readonly ChartDefinition[], id: string): ChartDefinition {
  const taken = new Set(charts.map((c) => c.title))
  let n = charts.length + 1
  while (taken.has(`Chart ${n}`)) n++
  return { id, title: `Chart ${n}`, series: [], window: '10m', style: 'lines' }
}

/**
 * The charts with `series` plotted: on the first chart with room (unchanged when a chart already plots it),
 * else on a new chart; a sentence when every chart is full and no other may be added.
 */
export function withPlottedSeries(charts: readonly ChartDefinition[], series: ChartSeries, newId: () => string): ChartDefinition[] | { problem: string } {
  if (charts.some((c) => c.series.some((s) => sameSeries(s, series)))) return [...charts]
  const index = charts.findIndex((c) => c.series.length < MAX_CHART_SERIES)
  if (index !== -1) return charts.map((c, i) => (i === index ? { ...c, series: [...c.series, series] } : c))
  if (charts.length >= MAX_CHARTS) return { problem: `Every chart is full and a profile keeps at most ${MAX_CHARTS} charts. Remove a series or a chart first.` }
  return [...charts, { ...newChart(charts, newId()), series: [series] }]
}
