import { statusLabel } from './components/StatusBadge'
import { onTabListKeyDown } from './components/tabKeys'
import { useConnectionsStore } from './stores/connections'
import { useProfilesStore } from './stores/profiles'

/** The tab strip: the profiles screen, then one tab per open connection (with its state) or recording, each with a close button. */
export function AppTabs(): React.JSX.Element {
  const tabs = useConnectionsStore((s) => s.tabs)
  const activeId = useConnectionsStore((s) => s.activeId)
  const { activate, close } = useConnectionsStore.getState()
  const profiles = useProfilesStore((s) => s.profiles)
  return (
    <div className="tabs" role="tablist" aria-label="Connections" onKeyDown={onTabListKeyDown}>
      <button type="button" role="tab" className="tab" aria-selected={activeId === null} onClick={() => activate(null)}>
        Profiles
      </button>
      {tabs.map((tab) => {
        const profile = profiles.find((p) => p.id === tab.profileId)
        const name = tab.recording ? `${tab.recording.name} (recording)` : (profile?.name ?? 'Deleted profile')
        return (
          <span key={tab.connectionId} className="tab-wrap">
            <button
              type="button"
              role="tab"
              className="tab"
              aria-selected={activeId === tab.connectionId}
              aria-label={tab.recording ? name : `${name} (${statusLabel(tab.state)})`}
              style={profile?.color ? { boxShadow: `inset 0 3px 0 ${profile.color}` } : undefined}
              onClick={() => activate(tab.connectionId)}
            >
              {tab.recording ? null : <span className={`status ${tab.state}`} aria-hidden="true" />}
              {name}
            </button>
            <button type="button" className="tab-close" aria-label={`Close ${name}`} onClick={() => void close(tab.connectionId)}>
              ×
            </button>
          </span>
        )
      })}
    </div>
  )
}
