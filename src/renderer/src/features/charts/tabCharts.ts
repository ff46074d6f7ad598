import { useMemo } from 'react'
import type { ChartDefinition } from '@shared/contract'
import { connectionsSelectors, useConnectionsStore } from '../../stores/connections'
import { profilesSelectors, useProfilesStore } from '../../stores/profiles'

/** A tab's charts and where they are kept: a connection's in its profile, a recording's in the tab while it is open. */
export interface TabCharts {
  charts: ChartDefinition[]
  save(next: ChartDefinition[]): Promise<void>
  /** Where the charts are kept, as the Charts panel says it. */
  keptIn: string
}

/**
 * The time a tab's chart windows end at: now for a connection, the moment a recording tab shows for a recording
 * (its messages are from then, not from now).
 */
export function tabClock(connectionId: string): () => number {
  return () => connectionsSelectors.byId(connectionId)(useConnectionsStore.getState())?.recording?.at ?? Date.now()
}

/** The charts of a tab; null when its profile was deleted. */
export function useTabCharts(connectionId: string): TabCharts | null {
  const tab = useConnectionsStore(connectionsSelectors.byId(connectionId))
  const recording = tab?.recording
  const profile = useProfilesStore(profilesSelectors.byId(recording ? null : (tab?.profileId ?? null)))
  return useMemo(() => {
    if (recording) {
      return {
        charts: recording.charts,
        save: async (next) => useConnectionsStore.getState().setRecordingCharts(connectionId, next),
        keptIn: 'Kept while this recording is open.'
      }
    }
    if (!profile) return null
    return { charts: profile.charts, save: (next) => useProfilesStore.getState().setCharts(profile.id, next).then(() => undefined), keptIn: `Saved in the profile “${profile.name}”.` }
  }, [connectionId, recording, profile])
}
