import type { ChartSeries } from '@shared/contract'
import type { SeriesDecoding } from '@shared/series'
import { csvText } from '../../lib/csv'
import type { SeriesBuffer } from './seriesBuffer'

const DECODING_LABELS: Record<SeriesDecoding, string> = { auto: '', json: 'JSON', cbor: 'CBOR', msgpack: 'MessagePack', protobuf: 'Protobuf', sparkplug: 'Sparkplug B' }

/** A series as people read it: the topic, the field when one is plotted, and the decoding when one was chosen. */
export function seriesLabel(series: ChartSeries): string {
  const label = series.path ? `${series.topic} › ${series.path}` : series.topic
  const decoding = DECODING_LABELS[series.decoding ?? 'auto']
  return decoding ? `${label} (${decoding})` : label
}

/**
 * The plotted points as CSV, one row per point, in time order across series (a series' own order where times
 * are equal). A gap (a payload that was no number) has an empty value.
 */
export function chartToCsv(series: readonly ChartSeries[], buffers: readonly SeriesBuffer[]): string {
  const rows: string[][] = [['received_at', 'epoch_ms', 'topic', 'field', 'value']]
  const next = buffers.map(() => 0)
  for (;;) {
    let pick = -1
    buffers.forEach((buffer, i) => {
      const at = next[i] as number
      if (at < buffer.length && (pick === -1 || (buffer.times[at] as number) < ((buffers[pick] as SeriesBuffer).times[next[pick] as number] as number))) pick = i
    })
    if (pick === -1) break
    const buffer = buffers[pick] as SeriesBuffer
    const at = next[pick] as number
    const time = buffer.times[at] as number
    const value = buffer.values[at] as number
    const { topic, path } = series[pick] as ChartSeries
    rows.push([new Date(time).toISOString(), String(time), topic, path, Number.isNaN(value) ? '' : String(value)])
    next[pick] = at + 1
  }
  return csvText(rows)
}
