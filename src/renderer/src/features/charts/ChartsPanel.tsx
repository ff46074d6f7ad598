import { useState } from 'react'
import type { ChartDefinition } from '@shared/contract'
import { errorMessage } from '../../lib/errorMessage'
import { selectionSelectors, useSelectionStore } from '../../stores/selection'
import { ChartCard } from './ChartCard'
import { newChart } from './plotSeries'
import { useTabCharts } from './tabCharts'

/** The tab's charts: a connection's kept in its profile so they come back on the next connection. */
export function ChartsPanel({ connectionId }: { connectionId: string }): React.JSX.Element {
  const kept = useTabCharts(connectionId)
  const selected = useSelectionStore(selectionSelectors.path(connectionId)) ?? ''
  const [problem, setProblem] = useState<string | null>(null)
  if (!kept) return <p className="muted">Charts are kept in the connection&apos;s profile, and this profile was deleted.</p>
  const { charts } = kept
  const save = (next: ChartDefinition[]): void => {
    setProblem(null)
    kept.save(next).catch((error: unknown) => setProblem(`The charts were not saved: ${errorMessage(error)}`))
  }
  return (
    <div className="charts-panel">
      <div className="toolbar">
        <button type="button" className="btn small" onClick={() => save([...charts, newChart(charts, crypto.randomUUID())])}>
          New chart
        </button>
        <span className="muted">{kept.keptIn}</span>
      </div>
      {problem ? (
        <div className="banner error" role="alert">
          {problem}
        </div>
      ) : null}
      {charts.length === 0 ? <p className="muted">No charts yet. Choose New chart, or Plot in a topic&apos;s value viewer.</p> : null}
      {charts.map((chart) => (
        <ChartCard
          key={chart.id}
          connectionId={connectionId}
          chart={chart}
          defaultTopic={selected}
          onChange={(changed) => save(charts.map((c) => (c.id === changed.id ? changed : c)))}
          onRemove={() => save(charts.filter((c) => c.id !== chart.id))}
        />
      ))}
    </div>
  )
}
