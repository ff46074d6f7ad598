import { useEffect, type KeyboardEvent } from 'react'
import type { BrokerCapabilities } from '@shared/contract'
import { askedNames } from '@shared/templates/variables'
import { topicNameProblem } from '@shared/topics'
import { CodeEditor, isSubmitKey } from '../../components/code'
import { CheckField, QOS_OPTIONS, SelectField, TextField } from '../../components/FormFields'
import { composerFormatFor, formatJson, languageOf, PAYLOAD_FORMAT_LABELS, PAYLOAD_FORMATS, type PayloadFormat } from '../../lib/payloadView'
import { getClientModel } from '../../model'
import { selectionSelectors, useSelectionStore } from '../../stores/selection'
import { composeMessage, publishSelectors, usePublishStore } from '../../stores/publish'
import { PropertiesEditor } from './PropertiesEditor'
import { RequestHistory } from './RequestHistory'
import { SavedMessages } from './SavedMessages'
import { SentMessages } from './SentMessages'
import { Sequences } from './Sequences'
import { SimulateDevice } from './SimulateDevice'

/**
 * Publish composer of one connection: topic, payload editor, QoS, retain, MQTT 5 properties; Ctrl/Cmd+Enter sends.
 * `broker` is what the broker announced when it accepted the connection (its limits are checked as you type).
 */
export function PublishComposer({ connectionId, profileId, mqtt5, connected, broker }: { connectionId: string; profileId: string; mqtt5: boolean; connected: boolean; broker?: BrokerCapabilities }): React.JSX.Element {
  const draft = usePublishStore(publishSelectors.draft(connectionId))
  const { patchDraft, setFormat, send } = usePublishStore.getState()
  const selectedPath = useSelectionStore(selectionSelectors.path(connectionId))

  // The topic follows the tree's selection until the user types one of their own; an empty payload takes the format
  // of the topic's last message (JSON, text or binary), so a plain-text topic does not open in JSON.
  useEffect(() => {
    if (!selectedPath || draft.topicTouched || topicNameProblem(selectedPath) !== null) return
    patchDraft(connectionId, { topic: selectedPath })
    const latest = getClientModel(connectionId).topic(selectedPath)?.message
    if (latest && !latest.payloadEvicted && latest.size > 0 && usePublishStore.getState().drafts[connectionId]?.text === '') setFormat(connectionId, composerFormatFor(latest.payload, latest.truncated))
  }, [selectedPath, draft.topicTouched, connectionId, patchDraft, setFormat])

  const maximumPacketSize = broker?.maximumPacketSize
  const { problems } = composeMessage(draft, mqtt5, maximumPacketSize)
  const patch = (change: Parameters<typeof patchDraft>[1]): void => patchDraft(connectionId, change)
  const asked = askedNames(draft.topic, draft.text)
  // A message still waiting for its acknowledgement never holds up the next one.
  const submit = (): void => {
    if (connected) void send(connectionId, profileId, mqtt5, maximumPacketSize)
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
      {asked.length > 0 ? (
        <fieldset className="row asked-values">
          <legend>Values for this message</legend>
          {asked.map((name) => (
            <TextField key={name} label={name} value={draft.answers[name] ?? ''} onChange={(value) => patch({ answers: { ...draft.answers, [name]: value } })} />
          ))}
        </fieldset>
      ) : null}
      {mqtt5 ? <PropertiesEditor draft={draft} problems={problems} patch={patch} /> : null}
      <div className="toolbar">
        <button type="submit" className="btn primary" disabled={!connected} title="Ctrl+Enter (Cmd+Enter on macOS)">
          Publish
        </button>
        {!connected ? <span className="muted">Connect to publish.</span> : null}
      </div>
      <SentMessages connectionId={connectionId} />
      <RequestHistory profileId={profileId} />
      <SimulateDevice connectionId={connectionId} draft={draft} connected={connected} />
      <Sequences connectionId={connectionId} profileId={profileId} connected={connected} />
      <SavedMessages connectionId={connectionId} profileId={profileId} mqtt5={mqtt5} />
    </form>
  )
}
