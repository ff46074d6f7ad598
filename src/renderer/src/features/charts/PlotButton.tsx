import { useMemo, useState } from 'react'
import { plottableFields } from '@shared/series'
import { errorMessage } from '../../lib/errorMessage'
import { connectionsSelectors, useConnectionsStore } from '../../stores/connections'
import { profilesSelectors, useProfilesStore } from '../../stores/profiles'
import { useSidePanelStore } from '../../stores/sidePanel'
import { withPlottedSeries } from './plotSeries'

/**
 * Plot in the value viewer: the payload itself when it is a number, or a field of its JSON picked from
 * the list of those that hold numbers. The series goes on the first chart with room, and Charts opens.
 */
export function PlotButton({ connectionId, topic, bytes }: { connectionId: string; topic: string; bytes: Uint8Array }): React.JSX.Element | null {
  const fields = useMemo(() => plottableFields(bytes), [bytes])
  const profileId = useConnectionsStore((state) => connectionsSelectors.byId(connectionId)(state)?.profileId ?? null)
  const profile = useProfilesStore(profilesSelectors.byId(profileId))
  const [problem, setProblem] = useState<string | null>(null)
  if (!profile || fields.length === 0) return null
  const plot = (path: string): void => {
    const charts = withPlottedSeries(profile.charts, { topic, path, axis: 'left' }, () => crypto.randomUUID())
    if ('problem' in charts) return setProblem(charts.problem)
    setProblem(null)
    useProfilesStore
      .getState()
      .setCharts(profile.id, charts)
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
