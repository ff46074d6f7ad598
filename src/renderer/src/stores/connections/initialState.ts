import type { BrokerCapabilities, ConnectionState, ErrorCode, SubscriptionResult } from '@shared/contract'

/** The state of a connection tab: main's connection state, or idle before the first attempt. */
export type TabState = ConnectionState | 'idle'

/** One open connection tab: a profile connected (or trying to) under its own connection id. */
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
}

/** Open connection tabs and which one is in front (null: the profiles screen). */
export interface ConnectionsState {
  tabs: ConnectionTab[]
  activeId: string | null
}

export const initialConnectionsState: ConnectionsState = { tabs: [], activeId: null }
