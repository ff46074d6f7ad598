import { useState } from 'react'
import type { Profile } from '@shared/contract'
import { SplitPane } from '../../components/SplitPane'
import type { ConnectionTab } from '../../stores/connections'
import { MessagePanel } from '../messagePanel'
import { PublishComposer } from '../publish'

const STORAGE_KEY = 'composer:open'

/** Whether the composer is open, remembered in this browser for every tab (folded at first, so the value has the room). */
function useComposerOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(() => localStorage.getItem(STORAGE_KEY) === 'true')
  return [
    open,
    (next) => {
      localStorage.setItem(STORAGE_KEY, String(next))
      setOpen(next)
    }
  ]
}

/**
 * The Topic panel of a connection: the selected topic's messages, with the publish composer under them when it is
 * open, else a bar that opens it (Publish… there, or in the message panel for its topic).
 */
export function TopicPanel({ tab, profile, onClearRetained }: { tab: ConnectionTab; profile: Profile | undefined; onClearRetained: (path: string) => void }): React.JSX.Element {
  const [open, setOpen] = useComposerOpen()
  const id = tab.connectionId
  const messages = <MessagePanel connectionId={id} onClearRetained={onClearRetained} {...(open ? {} : { onPublish: () => setOpen(true) })} />
  if (!open) {
    return (
      <div className="screen">
        {messages}
        <div className="composer-bar">
          <button type="button" className="btn small" aria-expanded={false} onClick={() => setOpen(true)}>
            Publish…
          </button>
          <span className="muted">Opens the composer, with the selected topic.</span>
        </div>
      </div>
    )
  }
  return (
    <SplitPane direction="vertical" storageKey="message" initial={380} min={120} label="Resize the message panel">
      {messages}
      <div className="screen">
        <div className="composer-bar">
          <button type="button" className="btn small" aria-expanded={true} onClick={() => setOpen(false)}>
            Fold the composer
          </button>
        </div>
        <PublishComposer connectionId={id} profileId={tab.profileId} mqtt5={profile?.options.protocolVersion === 5} connected={tab.state === 'connected'} broker={tab.broker} />
      </div>
    </SplitPane>
  )
}
