import { useRef, type KeyboardEvent } from 'react'
import { statusLabel } from './components/StatusBadge'
import { onTabListKeyDown } from './components/tabKeys'
import { useConnectionsStore } from './stores/connections'
import { useProfilesStore } from './stores/profiles'
import { useTabOverflow } from './tabOverflow'

/**
 * The tab strip: the profiles screen, then one tab per open connection (with its state) or recording. Delete on a
 * tab closes it, as the WAI-ARIA tabs pattern has it; the × beside each tab does the same for the pointer. When the
 * tabs do not fit, the strip scrolls (the selected tab kept in view), a shadow marks the end that hides tabs, and
 * the menu beside it lists every open tab.
 */
export function AppTabs(): React.JSX.Element {
  const tabs = useConnectionsStore((s) => s.tabs)
  const activeId = useConnectionsStore((s) => s.activeId)
  const { activate, close } = useConnectionsStore.getState()
  const profiles = useProfilesStore((s) => s.profiles)
  const strip = useRef<HTMLDivElement>(null)
  const overflow = useTabOverflow(strip, activeId, tabs.length)
  const named = tabs.map((tab) => {
    const profile = profiles.find((p) => p.id === tab.profileId)
    return { tab, profile, name: tab.recording ? `${tab.recording.name} (recording)` : (profile?.name ?? 'Deleted profile') }
  })
  // The closed tab held the focus: hand it to the tab that is shown now, so the keyboard user is not left on the page.
  const closeByKey = (event: KeyboardEvent<HTMLButtonElement>, connectionId: string): void => {
    if (event.key !== 'Delete') return
    event.preventDefault()
    void close(connectionId).then(() => strip.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus())
  }
  return (
    <>
      <div
        ref={strip}
        className={`tabs${overflow.before ? ' overflow-before' : ''}${overflow.after ? ' overflow-after' : ''}`}
        role="tablist"
        aria-label="Connections"
        onKeyDown={onTabListKeyDown}
      >
        {/* One tab stop for the strip (roving tabindex): the arrow keys move between tabs. */}
        <button type="button" role="tab" className="tab" aria-selected={activeId === null} tabIndex={activeId === null ? 0 : -1} onClick={() => activate(null)}>
          Profiles
        </button>
        {named.map(({ tab, profile, name }) => (
          <span key={tab.connectionId} className="tab-wrap">
            <button
              type="button"
              role="tab"
              className="tab"
              aria-selected={activeId === tab.connectionId}
              tabIndex={activeId === tab.connectionId ? 0 : -1}
              aria-label={tab.recording ? name : `${name} (${statusLabel(tab.state)})`}
              style={profile?.color ? { boxShadow: `inset 0 3px 0 ${profile.color}` } : undefined}
              aria-keyshortcuts="Delete"
              onClick={() => activate(tab.connectionId)}
              onKeyDown={(event) => closeByKey(event, tab.connectionId)}
            >
              {tab.recording ? null : <span className={`status ${tab.state}`} aria-hidden="true" />}
              {name}
            </button>
            {/* Not a button: a tablist may hold only tabs, so keyboard and screen reader users close with Delete. */}
            <span className="tab-close" aria-hidden="true" title={`Close ${name} (Delete)`} onClick={() => void close(tab.connectionId)}>
              ×
            </span>
          </span>
        ))}
      </div>
      {tabs.length > 1 ? (
        <select
          className="tab-menu"
          aria-label={`All open tabs (${tabs.length})`}
          title="Every open connection and recording"
          value={activeId ?? ''}
          onChange={(event) => activate(event.target.value || null)}
        >
          <option value="">Profiles</option>
          {named.map(({ tab, name }) => (
            <option key={tab.connectionId} value={tab.connectionId}>
              {tab.recording ? name : `${name} (${statusLabel(tab.state)})`}
            </option>
          ))}
        </select>
      ) : null}
    </>
  )
}
