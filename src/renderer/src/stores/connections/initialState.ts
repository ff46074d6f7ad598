import type { BrokerCapabilities, ChartDefinition, ConnectionState, ErrorCode, RecordingBrowse, SubscriptionResult } from '@shared/contract'

/** The state of a connection tab: main's connection state, or idle before the first attempt. */
export type TabState = ConnectionState | 'idle'

/** A recording open as a read-only tab: where main's model of it stands, and the charts made in the tab. */
export interface RecordingTabInfo extends RecordingBrowse {
  /** Kept while the tab is open (a recording belongs to no profile that could keep them). */
  charts: ChartDefinition[]
  /** A load or seek is running in main. */
  loading: boolean
}

/** One open connection tab: a profile connected (or trying to) under its own connection id, or a recording. */
export interface ConnectionTab {
  connectionId: string
  profileId: string
  state: TabState
  /** The engine's sentence for the last failure, shown until the next attempt. */
  error: string | null
  /** The contract's code for `error`, when it came from a request. */
  errorCode: ErrorCode | null
  /** The broker's answer per subscribed filter, from the last subscribe. */
  subscriptionResults: Record<string, SubscriptionResult>
  /** Milliseconds since the epoch of the last state change. */
  since: number
  /** What the broker announced when it accepted the connection; set while connected. */
  broker?: BrokerCapabilities
  /** Set on a recording's tab (profileId is then empty). */
  recording?: RecordingTabInfo
}

/** Open connection tabs and which one is in front (null: the profiles screen). */
export interface ConnectionsState {
  tabs: ConnectionTab[]
  activeId: string | null
}

export const initialConnectionsState: ConnectionsState = { tabs: [], activeId: null }
