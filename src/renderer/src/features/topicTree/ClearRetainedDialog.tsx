import { useEffect, useRef, useState } from 'react'
import type { ClearRetainedProgress } from '@shared/contract'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { getClientModel } from '../../model'
import { errorMessage } from '../../lib/errorMessage'
import { modelService, onClearProgress } from '../../services/model'
import { countRetained } from './retainedCount'
import { keepTabInside } from '../../components/focusTrap'

type Phase = { kind: 'confirm' } | { kind: 'running'; operationId: string } | { kind: 'done' } | { kind: 'failed'; message: string }

/** Confirms how many retained topics will be cleared, then shows progress with a cancel button. */
export function ClearRetainedDialog({ connectionId, path, onClose }: { connectionId: string; path: string; onClose: () => void }): React.JSX.Element {
  const node = getClientModel(connectionId).node(path)
  // A topic can always be cleared by name: a retained value published while connected arrives without
  // the retained flag, so the app cannot tell. A subtree clear covers the topics known to be retained.
  const own = node?.topic ? 1 : 0
  const below = countRetained(node, true)
  const [subtree, setSubtree] = useState(own === 0 || ((node?.children.size ?? 0) > 0 && below > 0))
  const [phase, setPhase] = useState<Phase>({ kind: 'confirm' })
  const [progress, setProgress] = useState<ClearRetainedProgress | null>(null)
  const stopListening = useRef<(() => void) | null>(null)
  useEffect(() => () => stopListening.current?.(), [])
  // Keyboard users stay where they were: the focus goes to the progress dialog's button while it shows, and
  // back to what opened the dialog (the tree, or the Clear retained button) once it closes.
  const opener = useRef(document.activeElement)
  const action = useRef<HTMLButtonElement>(null)
  useEffect(() => action.current?.focus(), [phase.kind])
  useEffect(() => () => (opener.current instanceof HTMLElement && opener.current.isConnected ? opener.current.focus() : undefined), [])
  const count = subtree ? below : own

  const start = (): void => {
    const operationId = crypto.randomUUID()
    stopListening.current = onClearProgress(operationId, setProgress)
    setPhase({ kind: 'running', operationId })
    modelService.clearRetained({ connectionId, operationId, path, subtree }).then(
      (final) => {
        setProgress(final)
        setPhase({ kind: 'done' })
      },
      (error: unknown) => setPhase({ kind: 'failed', message: errorMessage(error) })
    )
  }

  if (phase.kind === 'confirm') {
    const title = count === 0 ? 'Nothing to clear' : subtree ? `Clear ${count} retained ${count === 1 ? 'topic' : 'topics'}?` : `Clear the retained value of "${path}"?`
    return (
      <ConfirmDialog title={title} confirmLabel={count === 0 ? 'Close' : `Clear ${count}`} danger={count > 0} onCancel={onClose} onConfirm={count === 0 ? onClose : start}>
        {own > 0 && (node?.children.size ?? 0) > 0 && below > 0 ? (
          <div role="radiogroup" aria-label="What to clear">
            <label className="check">
              <input type="radio" checked={!subtree} onChange={() => setSubtree(false)} />
              This topic only (1)
            </label>
            <label className="check">
              <input type="radio" checked={subtree} onChange={() => setSubtree(true)} />
              Retained topics at or below it ({below})
            </label>
          </div>
        ) : null}
        <p>
          {count === 0
            ? `No retained value is known at or below "${path}". Values published while you are connected arrive without the retained flag. Reconnecting shows which topics are retained on most brokers; RabbitMQ sends retained values only to a subscription to the exact topic, never to a wildcard, so there subscribe to the topic itself. Or select one topic to clear it by name.`
            : subtree
              ? `An empty retained message is published to each topic at or below "${path}" that the broker sent as retained, so it forgets their values. Devices that rely on them will not receive them on their next subscribe.`
              : `An empty retained message is published to "${path}", so the broker forgets any retained value it holds there.`}
        </p>
      </ConfirmDialog>
    )
  }

  const total = progress?.total ?? count
  const cleared = progress?.cleared ?? 0
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-label="Clearing retained topics" onKeyDown={keepTabInside}>
        <h2>{phase.kind === 'running' ? 'Clearing retained topics…' : 'Clear retained topics'}</h2>
        <progress max={Math.max(total, 1)} value={cleared} aria-label="Clear progress" />
        <p role="status">
          {cleared} of {total} cleared{progress?.failed ? `, ${progress.failed} refused` : ''}
          {progress?.cancelled ? ' (cancelled)' : ''}.
        </p>
        {progress?.error ? <p className="error-text" role="alert">{progress.error}</p> : null}
        {phase.kind === 'failed' ? <p className="error-text" role="alert">{phase.message}</p> : null}
        <div className="actions">
          {phase.kind === 'running' ? (
            <button type="button" className="btn" ref={action} onClick={() => void modelService.cancelClearRetained({ operationId: phase.operationId }).catch(() => undefined)}>
              Cancel
            </button>
          ) : (
            <button type="button" className="btn primary" ref={action} onClick={onClose}>
              Close
            </button>
          )}
        </div>
      </div>
    </div>
  )
}
