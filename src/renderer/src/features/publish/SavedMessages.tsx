import { useEffect, useState } from 'react'
import { errorMessage } from '../../lib/errorMessage'
import { publishSelectors, usePublishStore } from '../../stores/publish'
import { formatTime } from '../../lib/time'

/** The profile's saved templates and recent publishes; choosing one fills the composer. */
export function SavedMessages({ connectionId, profileId, mqtt5 }: { connectionId: string; profileId: string; mqtt5: boolean }): React.JSX.Element {
  const history = usePublishStore(publishSelectors.history(profileId))
  const templates = usePublishStore(publishSelectors.templates(profileId))
  const { loadSaved, applySaved, saveTemplate, deleteTemplate, clearHistory } = usePublishStore.getState()
  const [name, setName] = useState('')
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)

  useEffect(() => {
    loadSaved(profileId).catch((error: unknown) => setMessage({ kind: 'error', text: errorMessage(error) }))
  }, [loadSaved, profileId])

  const run = (action: () => Promise<void>, done: string): void => {
    action().then(
      () => setMessage({ kind: 'ok', text: done }),
      (error: unknown) => setMessage({ kind: 'error', text: errorMessage(error) })
    )
  }

  return (
    <div className="saved-messages">
      <div className="toolbar">
        <input aria-label="Template name" placeholder="Template name" value={name} onChange={(event) => setName(event.target.value)} />
        <button type="button" className="btn small" disabled={name.trim() === ''} onClick={() => run(() => saveTemplate(connectionId, profileId, name.trim(), mqtt5), `Saved template "${name.trim()}".`)}>
          Save as template
        </button>
      </div>
      {message ? <div className={message.kind === 'ok' ? 'ok-text' : 'error-text'} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</div> : null}
      <div className="saved-lists">
        <ul aria-label="Templates">
          {templates.length === 0 ? <li className="muted">No templates yet.</li> : null}
          {templates.map((t) => (
            <li key={t.id} className="row">
              <button type="button" className="link grow" onClick={() => applySaved(connectionId, t)} aria-label={`Use template ${t.name}`}>
                <strong>{t.name}</strong> <span className="mono muted">{t.topic}</span>
              </button>
              <button type="button" className="btn small danger" aria-label={`Delete template ${t.name}`} onClick={() => run(() => deleteTemplate(profileId, t.id), `Deleted template "${t.name}".`)}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <ul aria-label="Publish history">
          {history.length === 0 ? <li className="muted">Nothing published from this profile yet.</li> : null}
          {history.map((entry) => (
            <li key={entry.id}>
              <button type="button" className="link" onClick={() => applySaved(connectionId, entry)} aria-label={`Reuse message to ${entry.topic} sent at ${formatTime(entry.publishedAt)}`}>
                <span className="mono">{entry.topic}</span> <span className="muted">{formatTime(entry.publishedAt)} · QoS {entry.qos}{entry.retain ? ' · retained' : ''}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      {history.length > 0 ? (
        <button type="button" className="btn small" onClick={() => run(() => clearHistory(profileId), 'Publish history cleared.')}>
          Clear history
        </button>
      ) : null}
    </div>
  )
}
