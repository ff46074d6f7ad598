import type { ChartSeries } from '@shared/contract'
import { formatTime } from '../../lib/time'
import type { ChartFeed } from './chartFeed'
import { seriesLabel } from './chartCsv'
import { SERIES_COLORS } from './seriesColors'

/** Rows per series the data table lists: the newest points. */
const DATA_ROWS = 20

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return '—'
  return Number.isInteger(value) ? value.toLocaleString('en', { useGrouping: false }) : value.toLocaleString('en', { maximumSignificantDigits: 6, useGrouping: false })
}

/** Per series: colour, name, axis, and last/min/max/mean of the points in view; a button removes it. */
export function ChartLegend({ title, feed, from, onRemove }: { title: string; feed: ChartFeed; from: number; onRemove: (index: number) => void }): React.JSX.Element {
  return (
    <table className="stats-table chart-legend" aria-label={`Legend of ${title}`}>
      <thead>
        <tr>
          <th scope="col">Series</th>
          <th scope="col">Last</th>
          <th scope="col">Min</th>
          <th scope="col">Max</th>
          <th scope="col">Mean</th>
          <th scope="col">Points</th>
          <th scope="col">Gaps</th>
          <th scope="col">
            <span className="visually-hidden">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {feed.series.map((series, i) => {
          const buffer = feed.buffers[i]
          const stats = buffer?.stats(buffer.firstAtOrAfter(from))
          return (
            <tr key={seriesLabel(series)}>
              <th scope="row">
                <span className="swatch" style={{ background: SERIES_COLORS[i % SERIES_COLORS.length] }} aria-hidden="true" />
                <span className="mono">{seriesLabel(series)}</span>
                {series.axis === 'right' ? <span className="muted"> (right axis)</span> : null}
                {!feed.exists[i] && feed.version > 0 ? <span className="muted"> · nothing received yet</span> : null}
              </th>
              <td className="mono">{stats ? formatValue(stats.last) : '—'}</td>
              <td className="mono">{stats ? formatValue(stats.min) : '—'}</td>
              <td className="mono">{stats ? formatValue(stats.max) : '—'}</td>
              <td className="mono">{stats ? formatValue(stats.mean) : '—'}</td>
              <td className="mono">{stats?.points.toLocaleString('en') ?? 0}</td>
              <td className="mono">{stats?.gaps.toLocaleString('en') ?? 0}</td>
              <td>
                <button type="button" className="btn small danger" aria-label={`Remove series ${seriesLabel(series)}`} onClick={() => onRemove(i)}>
                  Remove
                </button>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

/** The value of each series nearest to a time (the hover read-out). */
export function readOut(feed: ChartFeed, time: number): string {
  const parts = feed.series.map((series: ChartSeries, i) => {
    const buffer = feed.buffers[i]
    const at = buffer ? buffer.nearest(time) : -1
    return `${seriesLabel(series)} ${at === -1 || !buffer ? '—' : formatValue(buffer.values[at] as number)}`
  })
  return `${formatTime(time)} · ${parts.join(' · ')}`
}

/** The newest points of each series as a table, for reading values exactly (and for screen readers). */
export function ChartData({ title, feed }: { title: string; feed: ChartFeed }): React.JSX.Element {
  return (
    <table className="stats-table chart-data" aria-label={`Data of ${title}`}>
      <thead>
        <tr>
          <th scope="col">Series</th>
          <th scope="col">Received</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {feed.series.flatMap((series, i) => {
          const buffer = feed.buffers[i]
          if (!buffer) return []
          const rows: React.JSX.Element[] = []
          for (let at = Math.max(0, buffer.length - DATA_ROWS); at < buffer.length; at++) {
            rows.push(
              <tr key={`${i}:${at}`}>
                <td className="mono">{seriesLabel(series)}</td>
                <td className="mono">{formatTime(buffer.times[at] as number)}</td>
                <td className="mono">{formatValue(buffer.values[at] as number)}</td>
              </tr>
            )
          }
          return rows
        })}
      </tbody>
    </table>
  )
}
