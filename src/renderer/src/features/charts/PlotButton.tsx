import { useMemo, useState } from 'react'
import type { ChartSeries } from '@shared/contract'
import type { DecoderId } from '@shared/decoders'
import { isDecodedDecoding, plottableFields, plottableValueFields, type SeriesDecoding } from '@shared/series'
import { errorMessage } from '../../lib/errorMessage'
import { useSidePanelStore } from '../../stores/sidePanel'
import { withPlottedSeries } from './plotSeries'
import { useTabCharts } from './tabCharts'

/** What the value viewer decoded: the decoder it used, whether the user picked it, and the decoded value. */
export interface PlotDecoded {
  decoder: DecoderId
  chosen: boolean
  value: unknown
}

/**
 * The decoding a series plotted from the viewer reads with: the decoder the user picked there, or `auto` (left
 * out) when the profile chose it, so the chart keeps following the profile as the viewer does.
 */
function decodingOf(decoded: PlotDecoded | undefined): SeriesDecoding | undefined {
  if (!decoded?.chosen) return undefined
  return isDecodedDecoding(decoded.decoder) || decoded.decoder === 'json' ? decoded.decoder : undefined
}

/**
 * Plot in the value viewer: the payload itself when it is a number, or a field picked from the list of those that
 * hold numbers, of its JSON or of the decoded value the viewer shows (CBOR, MessagePack, Protobuf, Sparkplug
 * metrics by name). The series goes on the first chart with room, and Charts opens.
 */
export function PlotButton({ connectionId, topic, bytes, decoded }: { connectionId: string; topic: string; bytes: Uint8Array; decoded?: PlotDecoded }): React.JSX.Element | null {
  const viaDecoder = decoded !== undefined && isDecodedDecoding(decoded.decoder)
  const fields = useMemo(() => (viaDecoder ? plottableValueFields(decoded.value) : plottableFields(bytes)), [viaDecoder, decoded, bytes])
  const kept = useTabCharts(connectionId)
  const [problem, setProblem] = useState<string | null>(null)
  if (!kept || fields.length === 0) return null
  const decoding = decodingOf(decoded)
  const plot = (path: string): void => {
    const series: ChartSeries = { topic, path, axis: 'left', ...(decoding ? { decoding } : {}) }
    const charts = withPlottedSeries(kept.charts, series, () => crypto.randomUUID())
    if ('problem' in charts) return setProblem(charts.problem)
    setProblem(null)
    kept
      .save(charts)
      .then(
        () => useSidePanelStore.getState().show(connectionId, 'charts'),
        (error: unknown) => setProblem(`The chart was not saved: ${errorMessage(error)}`)
      )
  }
  return (
    <>
      {fields.length === 1 && fields[0] === '' ? (
        <button type="button" className="btn small" onClick={() => plot('')}>
          Plot
        </button>
      ) : (
        <select aria-label="Plot a field" value="" onChange={(event) => plot(event.target.value)}>
          <option value="" disabled>
            Plot a field…
          </option>
          {fields.map((path) => (
            <option key={path} value={path}>
              {path}
            </option>
          ))}
        </select>
      )}
      {problem ? (
        <span className="problem" role="alert">
          {problem}
        </span>
      ) : null}
    </>
  )
}
