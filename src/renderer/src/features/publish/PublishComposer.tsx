import { useEffect, type KeyboardEvent } from 'react'
import { topicNameProblem } from '@shared/topics'
import { CodeEditor, isSubmitKey } from '../../components/code'
import { CheckField, QOS_OPTIONS, SelectField, TextField } from '../../components/FormFields'
import { formatJson, languageOf, PAYLOAD_FORMAT_LABELS, PAYLOAD_FORMATS, type PayloadFormat } from '../../lib/payloadView'
import { selectionSelectors, useSelectionStore } from '../../stores/selection'
import { composeMessage, publishSelectors, usePublishStore } from '../../stores/publish'
import { PropertiesEditor } from './PropertiesEditor'
import { SavedMessages } from './SavedMessages'

/** Publish composer of one connection: topic, payload editor, QoS, retain, MQTT 5 properties; Ctrl/Cmd+Enter sends. */
export function PublishComposer({ connectionId, profileId, mqtt5, connected }: { connectionId: string; profileId: string; mqtt5: boolean; connected: boolean }): React.JSX.Element {
  const draft = usePublishStore(publishSelectors.draft(connectionId))
  const outcome = usePublishStore(publishSelectors.outcome(connectionId))
  const { patchDraft, setFormat, send } = usePublishStore.getState()
  const selectedPath = useSelectionStore(selectionSelectors.path(connectionId))

  // The topic follows the tree's selection until the user types one of their own.
  useEffect(() => {
    if (selectedPath && !draft.topicTouched && topicNameProblem(selectedPath) === null) patchDraft(connectionId, { topic: selectedPath })
  }, [selectedPath, draft.topicTouched, connectionId, patchDraft])

  const { problems } = composeMessage(draft, mqtt5)
  const patch = (change: Parameters<typeof patchDraft>[1]): void => patchDraft(connectionId, change)
  const submit = (): void => {
    if (connected && outcome?.kind !== 'sending') void send(connectionId, profileId, mqtt5)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    // The editors handle the shortcut themselves and mark the event handled.
    if (isSubmitKey(event) && !event.defaultPrevented) {
      event.preventDefault()
      submit()
    }
  }

  return (
    <form
      className="screen composer"
      aria-label="Publish"
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <div className="composer-fields">
        <TextField label="Topic" value={draft.topic} onChange={(topic) => patch({ topic, topicTouched: true })} problem={draft.topic === '' ? undefined : problems.topic} />
        <div className="row">
          <SelectField label="Payload format" value={draft.format} options={PAYLOAD_FORMATS.map((f) => ({ value: f, label: PAYLOAD_FORMAT_LABELS[f] }))} onChange={(format: PayloadFormat) => setFormat(connectionId, format)} />
          {draft.format === 'json' ? (
            <button type="button" className="btn small" onClick={() => patch({ text: formatJson(draft.text) })}>
              Format JSON
            </button>
          ) : null}
          <SelectField label="QoS" value={draft.qos} options={QOS_OPTIONS} onChange={(qos) => patch({ qos })} />
          <CheckField label="Retain" checked={draft.retain} onChange={(retain) => patch({ retain })} />
        </div>
      </div>
      <div className="code-frame">
        <CodeEditor value={draft.text} language={languageOf(draft.format)} label="Payload" onChange={(text) => patch({ text })} onSubmit={submit} />
      </div>
      {problems.payload && draft.text !== '' ? <div className="error-text" role="alert">{problems.payload}</div> : null}
      {mqtt5 ? <PropertiesEditor draft={draft} problems={problems} patch={patch} /> : null}
      <div className="toolbar">
        <button type="submit" className="btn primary" disabled={!connected || outcome?.kind === 'sending'} title="Ctrl+Enter (Cmd+Enter on macOS)">
          {outcome?.kind === 'sending' ? 'Publishing…' : 'Publish'}
        </button>
        {!connected ? <span className="muted">Connect to publish.</span> : null}
        {outcome && outcome.kind !== 'sending' ? (
          <span className={outcome.kind === 'ok' ? 'ok-text' : 'error-text'} role={outcome.kind === 'ok' ? 'status' : 'alert'}>
            {outcome.text}
          </span>
        ) : null}
      </div>
      <SavedMessages connectionId={connectionId} profileId={profileId} mqtt5={mqtt5} />
    </form>
  )
}
