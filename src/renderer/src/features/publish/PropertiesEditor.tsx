import { CheckField, TextField } from '../../components/FormFields'
import type { ComposerDraft, ComposerProblems } from '../../stores/publish'

/** MQTT 5 publish properties: content type, response topic, correlation data, expiry, user properties. */
export function PropertiesEditor({ draft, problems, patch }: { draft: ComposerDraft; problems: ComposerProblems; patch: (change: Partial<ComposerDraft>) => void }): React.JSX.Element {
  const pairs = draft.userProperties
  const setPair = (index: number, pair: [string, string]): void => patch({ userProperties: pairs.map((p, i) => (i === index ? pair : p)) })
  return (
    <details className="v5-properties">
      <summary>MQTT 5 properties</summary>
      <div className="row">
        <div className="grow">
          <TextField label="Content type" value={draft.contentType} placeholder="e.g. application/json" onChange={(contentType) => patch({ contentType })} />
        </div>
        <div className="grow">
          <TextField label="Response topic" value={draft.responseTopic} onChange={(responseTopic) => patch({ responseTopic })} problem={problems.responseTopic} />
        </div>
      </div>
      <div className="row">
        <div className="grow">
          <TextField label="Correlation data" value={draft.correlationData} onChange={(correlationData) => patch({ correlationData })} />
        </div>
        <TextField label="Message expiry (s)" type="number" value={draft.messageExpiry} onChange={(messageExpiry) => patch({ messageExpiry })} problem={problems.messageExpiry} />
      </div>
      <div className="row">
        <CheckField label="Wait for a reply (request/response: empty response topic and correlation data are chosen for you)" checked={draft.awaitReply} onChange={(awaitReply) => patch({ awaitReply })} />
        {draft.awaitReply ? <TextField label="Reply timeout (s)" type="number" value={draft.replyTimeout} onChange={(replyTimeout) => patch({ replyTimeout })} problem={problems.replyTimeout} /> : null}
      </div>
      <fieldset>
        <legend>User properties</legend>
        {pairs.map(([key, value], index) => (
          <div className="row" key={index}>
            <input aria-label={`User property ${index + 1} name`} value={key} onChange={(event) => setPair(index, [event.target.value, value])} />
            <input aria-label={`User property ${index + 1} value`} value={value} onChange={(event) => setPair(index, [key, event.target.value])} />
            <button type="button" className="btn small danger" aria-label={`Remove user property ${index + 1}`} onClick={() => patch({ userProperties: pairs.filter((_, i) => i !== index) })}>
              Remove
            </button>
          </div>
        ))}
        {problems.userProperties ? <p className="error-text" role="alert">{problems.userProperties}</p> : null}
        <button type="button" className="btn small" onClick={() => patch({ userProperties: [...pairs, ['', '']] })}>
          Add user property
        </button>
      </fieldset>
    </details>
  )
}
