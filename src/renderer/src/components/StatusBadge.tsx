import type { TabState } from '../stores/connections'

const LABELS: Record<TabState, string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  disconnected: 'Disconnected',
  error: 'Error'
}

export function statusLabel(state: TabState): string {
  return LABELS[state]
}

/** The state of a connection as a coloured dot and a word. */
export function StatusBadge({ state }: { state: TabState }): React.JSX.Element {
  return <span className={`status ${state}`}>{LABELS[state]}</span>
}
