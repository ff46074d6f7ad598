import { useState } from 'react'
import type { ChartDefinition, Profile } from '@shared/contract'
import { errorMessage } from '../../lib/errorMessage'
import { useProfilesStore } from '../../stores/profiles'
import { selectionSelectors, useSelectionStore } from '../../stores/selection'
import { ChartCard } from './ChartCard'
import { newChart } from './plotSeries'

const NO_CHARTS: ChartDefinition[] = []

/** The connection's charts, kept in its profile so they come back on the next connection. */
export function ChartsPanel({ connectionId, profile }: { connectionId: string; profile: Profile | undefined }): React.JSX.Element {
  const charts = profile?.charts ?? NO_CHARTS
  const selected = useSelectionStore(selectionSelectors.path(connectionId)) ?? ''
  const [problem, setProblem] = useState<string | null>(null)
  if (!profile) return <p className="muted">Charts are kept in the connection&apos;s profile, and this profile was deleted.</p>
  const save = (next: ChartDefinition[]): void => {
    setProblem(null)
    useProfilesStore
      .getState()
      .setCharts(profile.id, next)
      .catch((error: unknown) => setProblem(`The charts were not saved: ${errorMessage(error)}`))
  }
  return (
    <div className="charts-panel">
      <div className="toolbar">
        <button type="button" className="btn small" onClick={() => save([...charts, newChart(charts, crypto.randomUUID())])}>
          New chart
        </button>
        <span className="muted">Saved in the profile &ldquo;{profile.name}&rdquo;.</span>
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
