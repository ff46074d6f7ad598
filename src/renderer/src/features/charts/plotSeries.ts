import { MAX_CHARTS, MAX_CHART_SERIES, type ChartDefinition, type ChartSeries } from '@shared/contract'

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
  if (charts.some((c) => c.series.some((s) => s.topic === series.topic && s.path === series.path))) return [...charts]
  const index = charts.findIndex((c) => c.series.length < MAX_CHART_SERIES)
  if (index !== -1) return charts.map((c, i) => (i === index ? { ...c, series: [...c.series, series] } : c))
  if (charts.length >= MAX_CHARTS) return { problem: `Every chart is full and a profile keeps at most ${MAX_CHARTS} charts. Remove a series or a chart first.` }
  return [...charts, { ...newChart(charts, newId()), series: [series] }]
}
