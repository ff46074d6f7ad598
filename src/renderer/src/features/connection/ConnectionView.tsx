import { useState } from 'react'
import { sidePanelSelectors, useSidePanelStore, type SidePanel } from '../../stores/sidePanel'
import { SplitPane } from '../../components/SplitPane'
import { onTabListKeyDown } from '../../components/tabKeys'
import { profilesSelectors, useProfilesStore } from '../../stores/profiles'
import { isLive, type ConnectionTab } from '../../stores/connections'
import { BrokerStatsPanel } from '../brokerStats'
import { ChartsPanel } from '../charts'
import { MessagePanel } from '../messagePanel'
import { RecordingHeader } from '../recording'
import { ClearRetainedDialog, TopicTree, TreeToolbar } from '../topicTree'
import { ConnectionHeader } from './ConnectionHeader'
import { OneTimeSecrets } from './OneTimeSecrets'
import { SubscriptionsPanel } from './SubscriptionsPanel'
import { TopicPanel } from './TopicPanel'

const PANELS: { id: SidePanel; label: string }[] = [
  { id: 'topic', label: 'Topic' },
  { id: 'subscriptions', label: 'Subscriptions' },
  { id: 'charts', label: 'Charts' },
  { id: 'broker', label: 'Broker' }
]

/** What a recording's tab offers: nothing to publish, subscribe or ask a broker. */
const RECORDING_PANELS = PANELS.filter((p) => p.id === 'topic' || p.id === 'charts')

/**
 * One connection's screen: header, the topic tree on the left, topic/publish, subscriptions or broker on the right.
 * A recording's tab is the same screen, read-only, with a time slider in its header.
 */
export function ConnectionView({ tab }: { tab: ConnectionTab }): React.JSX.Element {
  const profile = useProfilesStore(profilesSelectors.byId(tab.profileId))
  const id = tab.connectionId
  const panel = useSidePanelStore(sidePanelSelectors.panel(id))
  const setPanel = (next: SidePanel): void => useSidePanelStore.getState().show(id, next)
  const [clearing, setClearing] = useState<string | null>(null)
  const recording = tab.recording
  const panels = recording ? RECORDING_PANELS : PANELS
  return (
    <div className="screen connection-view">
      {recording ? <RecordingHeader connectionId={id} recording={recording} /> : <ConnectionHeader tab={tab} profile={profile} />}
      {recording?.damage ? <div className="banner warn" role="status">{recording.damage}</div> : null}
      {tab.error ? (
        <div className="banner error" role="alert">
          {tab.error}
        </div>
      ) : null}
      {profile && !recording && !isLive(tab) ? <OneTimeSecrets tab={tab} profile={profile} /> : null}
      <div className="app-body">
        <SplitPane direction="horizontal" storageKey="tree" initial={480} min={220} label="Resize the topic tree">
          <div className="screen">
            <TreeToolbar connectionId={id} />
            <TopicTree connectionId={id} {...(recording ? {} : { onClearRetained: setClearing })} />
          </div>
          <div className="screen">
            <div className="tabs panel-tabs" role="tablist" aria-label="Side panels" onKeyDown={onTabListKeyDown}>
              {panels.map((p) => (
                <button key={p.id} type="button" role="tab" className="tab" aria-selected={panel === p.id} tabIndex={panel === p.id ? 0 : -1} onClick={() => setPanel(p.id)}>
                  {p.label}
                </button>
              ))}
            </div>
            <div className="app-body" role="tabpanel" aria-label={panels.find((p) => p.id === panel)?.label}>
              {panel === 'topic' && recording ? (
                <MessagePanel connectionId={id} />
              ) : panel === 'topic' ? (
                <TopicPanel tab={tab} profile={profile} onClearRetained={setClearing} />
              ) : panel === 'subscriptions' ? (
                <SubscriptionsPanel tab={tab} profile={profile} />
              ) : panel === 'charts' || recording ? (
                <ChartsPanel connectionId={id} />
              ) : (
                <BrokerStatsPanel connectionId={id} />
              )}
            </div>
          </div>
        </SplitPane>
      </div>
      {clearing !== null ? <ClearRetainedDialog connectionId={id} path={clearing} onClose={() => setClearing(null)} /> : null}
    </div>
  )
}
