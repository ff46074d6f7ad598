import { useEffect } from 'react'
import { AppTabs } from './AppTabs'
import { ThemeSelect } from './ThemeSelect'
import { ConnectionView } from './features/connection'
import { HelpPanel } from './features/help'
import { ProfilesScreen } from './features/profiles'
import { getClientModel } from './model'
import { useAppStore } from './stores/app'
import { connectionsSelectors, useConnectionsStore } from './stores/connections'
import { treeViewSelectors, useTreeViewStore } from './stores/treeView'

/** Global shortcuts: F1 help, Ctrl/Cmd+F focus the filter, Ctrl/Cmd+Shift+P pause or resume the tree. */
function useGlobalShortcuts(toggleHelp: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const mod = event.ctrlKey || event.metaKey
      if (event.key === 'F1') {
        event.preventDefault()
        toggleHelp()
        return
      }
      const active = connectionsSelectors.active(useConnectionsStore.getState())
      if (!active) return
      if (mod && !event.shiftKey && event.key.toLowerCase() === 'f') {
        const filter = document.querySelector<HTMLInputElement>('input[aria-label="Filter topics"]')
        if (filter) {
          event.preventDefault()
          filter.focus()
          filter.select()
        }
      } else if (mod && event.shiftKey && event.key.toLowerCase() === 'p') {
        event.preventDefault()
        const id = active.connectionId
        const view = treeViewSelectors.view(id)(useTreeViewStore.getState())
        useTreeViewStore.getState().setPaused(id, !view.paused, getClientModel(id).version)
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [toggleHelp])
}

const toggleHelp = (): void => useAppStore.getState().runMenuCommand('shortcuts')

/** The app shell: tab strip, the active screen, and the shortcuts help. */
export function App(): React.JSX.Element {
  const active = useConnectionsStore(connectionsSelectors.active)
  const help = useAppStore((s) => s.helpOpen)
  const setHelp = useAppStore((s) => s.setHelpOpen)
  useGlobalShortcuts(toggleHelp)
  return (
    <div className="app">
      <header className="app-header">
        <AppTabs />
        <div className="header-actions">
          <ThemeSelect />
          <button type="button" className="btn small" aria-keyshortcuts="F1" onClick={() => setHelp(true)}>
            Help
          </button>
        </div>
      </header>
      <main className="app-body">{active ? <ConnectionView key={active.connectionId} tab={active} /> : <ProfilesScreen />}</main>
      {help ? <HelpPanel onClose={() => setHelp(false)} /> : null}
    </div>
  )
}
