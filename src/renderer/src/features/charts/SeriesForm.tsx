import { useState } from 'react'
import { MAX_CHART_SERIES, type ChartSeries } from '@shared/contract'
import { isPathError, parseFieldPath, type SeriesDecoding } from '@shared/series'
import { topicNameProblem } from '@shared/topics'
import { sameSeries } from './plotSeries'

/** The decodings a series may pick, as the menu lists them. */
const DECODING_OPTIONS: ReadonlyArray<[SeriesDecoding, string]> = [
  ['auto', 'As the profile decodes the topic'],
  ['json', 'JSON or number text'],
  ['cbor', 'CBOR'],
  ['msgpack', 'MessagePack'],
  ['protobuf', 'Protobuf (profile rule)'],
  ['sparkplug', 'Sparkplug B (metrics["name"])']
]

/** Why a series cannot be added, or null when it can. */
export function seriesProblem(series: ChartSeries, existing: readonly ChartSeries[]): string | null {
  const topicProblem = topicNameProblem(series.topic)
  if (topicProblem) return topicProblem
  const path = parseFieldPath(series.path)
  if (isPathError(path)) return path.error
  if (existing.some((s) => sameSeries(s, series))) return 'This chart already plots that topic and field.'
  if (existing.length >= MAX_CHART_SERIES) return `A chart plots at most ${MAX_CHART_SERIES} series. Start another chart for more.`
  return null
}

/** Adds a series to a chart: a topic, optionally a field of its payloads and how they decode, and the y-axis it uses. */
export function SeriesForm({ existing, defaultTopic, onAdd }: { existing: readonly ChartSeries[]; defaultTopic: string; onAdd: (series: ChartSeries) => void }): React.JSX.Element {
  const [topic, setTopic] = useState(defaultTopic)
  const [path, setPath] = useState('')
  const [axis, setAxis] = useState<ChartSeries['axis']>('left')
  const [decoding, setDecoding] = useState<SeriesDecoding>('auto')
  const [problem, setProblem] = useState<string | null>(null)
  const add = (event: React.FormEvent): void => {
    event.preventDefault()
    // `auto` is left out, as in charts saved before decodings existed.
    const series: ChartSeries = { topic: topic.trim(), path: path.trim(), axis, ...(decoding === 'auto' ? {} : { decoding }) }
    const found = seriesProblem(series, existing)
    setProblem(found)
    if (!found) {
      onAdd(series)
      setPath('')
    }
  }
  return (
    <form className="series-form" onSubmit={add} aria-label="Add a series">
      <input aria-label="Series topic" className="mono" placeholder="Topic, e.g. plant/boiler/temp" value={topic} onChange={(event) => setTopic(event.target.value)} />
      <input aria-label="Series field" className="mono" placeholder='Field (empty: the payload), e.g. temp.c, values[2] or metrics["Temp"]' value={path} onChange={(event) => setPath(event.target.value)} />
      <select aria-label="Series decoding" value={decoding} onChange={(event) => setDecoding(event.target.value as SeriesDecoding)}>
        {DECODING_OPTIONS.map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </select>
      <select aria-label="Series axis" value={axis} onChange={(event) => setAxis(event.target.value as ChartSeries['axis'])}>
        <option value="left">Left axis</option>
        <option value="right">Right axis</option>
      </select>
      <button type="submit" className="btn small">
        Add series
      </button>
      {problem ? (
        <div className="problem" role="alert">
          {problem}
        </div>
      ) : null}
    </form>
  )
}
