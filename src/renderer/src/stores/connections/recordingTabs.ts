import { BROWSE_ID_PREFIX, type ChartDefinition, type RecordingBrowse } from '@shared/contract'
import { errorMessage } from '../../lib/errorMessage'
import { recordingService } from '../../services/recording'
import type { ConnectionsState, ConnectionTab, RecordingTabInfo } from './initialState'

type Set = (partial: Partial<ConnectionsState>) => void
type Get = () => ConnectionsState

/** Recordings opened as read-only tabs beside the connections. */
export interface RecordingTabActions {
  /** Brings the recording's tab to the front, opening it (to the recording's end) when there is none. */
  openRecording(recordingId: string, name: string): Promise<string>
  /** Shows the tab as it was at `at`; while main loads, later seeks wait and only the newest is sent. */
  seekRecording(connectionId: string, at: number): void
  setRecordingCharts(connectionId: string, charts: ChartDefinition[]): void
}

function newBrowseId(): string {
  const random = crypto.getRandomValues(new Uint32Array(2))
  return `${BROWSE_ID_PREFIX}${Date.now().toString(36)}-${random[0]?.toString(36)}${random[1]?.toString(36)}`
}

export function createRecordingTabActions(set: Set, get: Get): RecordingTabActions {
  /** The seek waiting for the one in flight, per tab (only the newest is kept). */
  const nextSeek = new Map<string, number>()
  const inFlight = new Set<string>()
  const patch = (connectionId: string, change: (tab: ConnectionTab) => Partial<ConnectionTab>): void => {
    set({ tabs: get().tabs.map((tab) => (tab.connectionId === connectionId ? { ...tab, ...change(tab) } : tab)) })
  }
  const arrived = (connectionId: string, reply: RecordingBrowse): void =>
    patch(connectionId, (tab) => (tab.recording ? { recording: { ...tab.recording, ...reply, loading: false }, error: null } : {}))
  const failed = (connectionId: string, error: unknown): void =>
    patch(connectionId, (tab) => ({ error: errorMessage(error), ...(tab.recording ? { recording: { ...tab.recording, loading: false } } : {}) }))

  /** Runs a browse or seek in main; a seek asked for meanwhile goes next, and only its reply is shown. */
  const run = async (connectionId: string, call: () => Promise<RecordingBrowse>): Promise<void> => {
    inFlight.add(connectionId)
    patch(connectionId, (tab) => (tab.recording ? { recording: { ...tab.recording, loading: true } } : {}))
    try {
      const reply = await call()
      // A superseded reply is followed by the one that took over.
      if (!nextSeek.has(connectionId) && !reply.superseded) arrived(connectionId, reply)
    } catch (error) {
      failed(connectionId, error)
    } finally {
      inFlight.delete(connectionId)
    }
    const next = nextSeek.get(connectionId)
    nextSeek.delete(connectionId)
    if (next !== undefined && get().tabs.some((t) => t.connectionId === connectionId)) await run(connectionId, () => recordingService.seek({ connectionId, at: next }))
  }

  return {
    async openRecording(recordingId, name) {
      const existing = get().tabs.find((t) => t.recording?.recordingId === recordingId)
      if (existing) {
        set({ activeId: existing.connectionId })
        return existing.connectionId
      }
      const connectionId = newBrowseId()
      const recording: RecordingTabInfo = { connectionId, recordingId, name, profileName: null, firstAt: null, lastAt: null, at: 0, total: 0, loaded: 0, damage: null, superseded: false, charts: [], loading: true }
      const tab: ConnectionTab = { connectionId, profileId: '', state: 'idle', error: null, errorCode: null, subscriptionResults: {}, since: Date.now(), recording }
      set({ tabs: [...get().tabs, tab], activeId: connectionId })
      await run(connectionId, () => recordingService.browse({ connectionId, recordingId, at: null }))
      return connectionId
    },
    seekRecording(connectionId, at) {
      if (inFlight.has(connectionId)) nextSeek.set(connectionId, at)
      else void run(connectionId, () => recordingService.seek({ connectionId, at }))
    },
    setRecordingCharts(connectionId, charts) {
      patch(connectionId, (tab) => (tab.recording ? { recording: { ...tab.recording, charts } } : {}))
    }
  }
}
