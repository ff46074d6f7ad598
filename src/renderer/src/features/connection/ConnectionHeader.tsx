import { useStore } from 'zustand'
import { StatusBadge } from '../../components/StatusBadge'
import { getClientModel } from '../../model'
import { isLive, useConnectionsStore, type ConnectionTab } from '../../stores/connections'
import type { Profile } from '@shared/contract'
import { RecordControl } from '../recording'

/** Name, address, state, rates and the connect/disconnect button of one connection. */
export function ConnectionHeader({ tab, profile }: { tab: ConnectionTab; profile: Profile | undefined }): React.JSX.Element {
  const { connect, disconnect } = useConnectionsStore.getState()
  const model = getClientModel(tab.connectionId)
  // Rates come with each delta; reading them through the version store keeps this to one render per frame.
  const rate = useStore(model.store, () => Math.round(model.stats?.messagesPerSecond ?? 0))
  const topics = useStore(model.store, () => model.topicCount)
  const o = profile?.options
  return (
    <div className="connection-header">
      <strong>{profile?.name ?? 'Deleted profile'}</strong>
      {o ? (
        <span className="mono muted">
          {o.protocol}://{o.host}:{o.port}
        </span>
      ) : null}
      <StatusBadge state={tab.state} />
      <span className="muted" aria-label="Topics and message rate">
        {topics} topics · {rate} msg/s
      </span>
      <span className="grow" />
      <RecordControl connectionId={tab.connectionId} live={tab.state === 'connected'} />
      {isLive(tab) ? (
        <button type="button" className="btn small" onClick={() => void disconnect(tab.connectionId)}>
          Disconnect
        </button>
      ) : (
        <button type="button" className="btn small primary" disabled={!profile} onClick={() => void connect(tab.connectionId)}>
          Connect
        </button>
      )}
    </div>
  )
}
