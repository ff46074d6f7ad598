import { useRef, useState } from 'react'
import { CHART_WINDOWS, type ChartDefinition, type ChartSeries, type ChartStyle, type ChartWindow } from '@shared/contract'
import { utf8Encode } from '@shared/bytes'
import { downloadFile } from '../../lib/download'
import { errorMessage } from '../../lib/errorMessage'
import { chartToCsv } from './chartCsv'
import { ChartData, ChartLegend, readOut } from './ChartLegend'
import { SeriesForm } from './SeriesForm'
import { useChart } from './useChart'

const WINDOW_LABELS: Record<ChartWindow, string> = { '1m': 'Last minute', '10m': 'Last 10 minutes', '1h': 'Last hour', all: 'All kept history' }
const STYLE_LABELS: Record<ChartStyle, string> = { lines: 'Lines', points: 'Points', step: 'Steps' }

/** "plant-boiler-2026-12-03T10-15-00": a file name from the chart title and the time. */
function fileName(title: string, extension: string): string {
  const stem = title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'chart'
  return `${stem}-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.${extension}`
}

/** One chart: its toolbar, the plot, the hover read-out, the legend, the series form and the data table. */
export function ChartCard({ connectionId, chart, defaultTopic, onChange, onRemove }: {
  connectionId: string
  chart: ChartDefinition
  defaultTopic: string
  onChange: (chart: ChartDefinition) => void
  onRemove: () => void
}): React.JSX.Element {
  const [paused, setPaused] = useState(false)
  const [showData, setShowData] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [title, setTitle] = useState(chart.title)
  const container = useRef<HTMLDivElement>(null)
  const { feed, zoom, setZoom, hover, plot } = useChart(connectionId, chart, paused, container)
  const name = chart.title || 'Chart'
  const from = zoom ? zoom.min : feed.windowStart()

  const pan = (direction: -1 | 1): void => {
    if (!zoom) return
    const shift = ((zoom.max - zoom.min) / 2) * direction
    setZoom({ min: zoom.min + shift, max: zoom.max + shift })
  }
  const exportPng = (): void => {
    plot.current?.png().then(
      async (blob) => downloadFile(fileName(name, 'png'), new Uint8Array(await blob.arrayBuffer()), 'image/png'),
      (error: unknown) => setNotice(errorMessage(error))
    )
  }
  const setSeries = (series: ChartSeries[]): void => onChange({ ...chart, series })

  return (
    <section className="chart-card" aria-label={name}>
      <div className="toolbar">
        <input
          aria-label="Chart title"
          className="chart-title"
          value={title}
          placeholder="Chart"
          onChange={(event) => setTitle(event.target.value)}
          onBlur={() => title.trim() !== chart.title && onChange({ ...chart, title: title.trim() })}
        />
        <select aria-label="Time window" value={chart.window} onChange={(event) => onChange({ ...chart, window: event.target.value as ChartWindow })}>
          {CHART_WINDOWS.map((w) => (
            <option key={w} value={w}>
              {WINDOW_LABELS[w]}
            </option>
          ))}
        </select>
        <select aria-label="Chart style" value={chart.style} onChange={(event) => onChange({ ...chart, style: event.target.value as ChartStyle })}>
          {Object.entries(STYLE_LABELS).map(([style, label]) => (
            <option key={style} value={style}>
              {label}
            </option>
          ))}
        </select>
        <button type="button" className="btn small" aria-pressed={paused} onClick={() => setPaused(!paused)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" className="btn small" onClick={() => feed.clear()}>
          Clear
        </button>
        {zoom ? (
          <>
            <button type="button" className="btn small" aria-label="Pan back in time" onClick={() => pan(-1)}>
              ◀
            </button>
            <button type="button" className="btn small" aria-label="Pan forward in time" onClick={() => pan(1)}>
              ▶
            </button>
            <button type="button" className="btn small" onClick={() => setZoom(null)}>
              Reset zoom
            </button>
          </>
        ) : null}
        <span className="grow" />
        <button type="button" className="btn small" onClick={() => downloadFile(fileName(name, 'csv'), utf8Encode(chartToCsv(feed.series, feed.buffers)), 'text/csv')}>
          Export CSV
        </button>
        <button type="button" className="btn small" onClick={exportPng}>
          Export PNG
        </button>
        <button type="button" className="btn small" aria-pressed={showData} onClick={() => setShowData(!showData)}>
          Data
        </button>
        <button type="button" className="btn small danger" onClick={onRemove}>
          Remove chart
        </button>
      </div>
      {feed.error ? (
        <div className="banner error" role="alert">
          {feed.error}
        </div>
      ) : null}
      {notice ? (
        <div className="muted" role="status">
          {notice}
        </div>
      ) : null}
      {chart.series.length === 0 ? <p className="muted">Add a series below: a topic whose payload is a number, or a field of its JSON.</p> : null}
      <div className="chart-plot" ref={container} title="Drag across the chart to zoom into a span of time" />
      <div className="muted mono chart-readout" role="status" aria-label={`Read-out of ${name}`}>
        {hover === null ? (paused ? 'Paused: new points are not fetched.' : 'Point at the chart to read the values at a time.') : readOut(feed, hover)}
      </div>
      <ChartLegend title={name} feed={feed} from={from} onRemove={(index) => setSeries(chart.series.filter((_, i) => i !== index))} />
      <SeriesForm existing={chart.series} defaultTopic={defaultTopic} onAdd={(series) => setSeries([...chart.series, series])} />
      {showData ? <ChartData title={name} feed={feed} /> : null}
    </section>
  )
}
