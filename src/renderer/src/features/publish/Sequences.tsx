import { useState, type KeyboardEvent } from 'react'
import { MAX_SEQUENCE_STEPS, type PayloadFormat, type QoS, type SequenceStatus } from '@shared/contract'
import { SelectField, TextField } from '../../components/FormFields'
import { errorMessage } from '../../lib/errorMessage'
import { PAYLOAD_FORMAT_LABELS, PAYLOAD_FORMATS } from '../../lib/payloadView'
import { useProfilesStore } from '../../stores/profiles'
import { useSequencesStore } from '../../stores/sequences'
import { draftOf, emptyStep, newSequenceDraft, sequenceOf, type SequenceDraft, type StepDraft } from './sequenceDraft'

const MODES = [
  { value: 'once', label: 'Once' },
  { value: 'times', label: 'N times' },
  { value: 'every', label: 'Every T ms, until stopped' }
] as const

const STATES: Record<SequenceStatus['state'], string> = { running: 'Running', finished: 'Finished', stopped: 'Stopped', failed: 'Stopped by a problem' }

function describeRun(status: SequenceStatus): string {
  const round = status.rounds === null ? `round ${status.round}` : `round ${status.round} of ${status.rounds}`
  const counts = `${status.sent.toLocaleString('en')} sent, ${status.acknowledged.toLocaleString('en')} acknowledged, ${status.failed.toLocaleString('en')} failed`
  return `${STATES[status.state]} "${status.sequenceName}": ${round}, step ${status.step}; ${counts}${status.lastError ? `. ${status.lastError}` : ''}`
}

/** The profile's sequences: pick or write one (steps with delays), choose how to run it, run and stop it, with live counts. */
export function Sequences({ connectionId, profileId, connected }: { connectionId: string; profileId: string; connected: boolean }): React.JSX.Element {
  const saved = useProfilesStore((state) => state.profiles.find((p) => p.id === profileId)?.sequences)
  const status = useSequencesStore((state) => state.byConnection[connectionId])
  const runError = useSequencesStore((state) => state.errors[connectionId])
  const [draft, setDraft] = useState<SequenceDraft>(() => (saved?.[0] ? draftOf(saved[0]) : newSequenceDraft()))
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const sequences = saved ?? []
  const isSaved = sequences.some((s) => s.id === draft.id)
  const running = status?.state === 'running'

  const patchStep = (index: number, change: Partial<StepDraft>): void => setDraft({ ...draft, steps: draft.steps.map((step, i) => (i === index ? { ...step, ...change } : step)) })
  const moveStep = (index: number, offset: -1 | 1): void => {
    const steps = draft.steps.slice()
    const [step] = steps.splice(index, 1)
    steps.splice(index + offset, 0, step as StepDraft)
    setDraft({ ...draft, steps })
  }
  const checked = (): ReturnType<typeof sequenceOf> => {
    const result = sequenceOf(draft)
    setMessage('problem' in result ? { kind: 'error', text: result.problem } : null)
    return result
  }
  const save = (): void => {
    const result = checked()
    if ('problem' in result) return
    const next = isSaved ? sequences.map((s) => (s.id === draft.id ? result.sequence : s)) : [...sequences, result.sequence]
    useProfilesStore.getState().setSequences(profileId, next).then(
      () => setMessage({ kind: 'ok', text: `Saved sequence "${result.sequence.name}".` }),
      (error: unknown) => setMessage({ kind: 'error', text: errorMessage(error) })
    )
  }
  const remove = (): void => {
    const rest = sequences.filter((s) => s.id !== draft.id)
    useProfilesStore.getState().setSequences(profileId, rest).then(
      () => {
        setDraft(rest[0] ? draftOf(rest[0]) : newSequenceDraft())
        setMessage({ kind: 'ok', text: `Deleted sequence "${draft.name}".` })
      },
      (error: unknown) => setMessage({ kind: 'error', text: errorMessage(error) })
    )
  }
  const run = (): void => {
    const result = checked()
    if (!('problem' in result)) void useSequencesStore.getState().run(connectionId, result.sequence, result.sequence.mode)
  }
  // The part sits inside the composer's form: Enter here must not publish the composer's message.
  const keepKeys = (event: KeyboardEvent): void => {
    event.stopPropagation()
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault()
  }
  const choices = [...sequences.map((s) => ({ value: s.id, label: s.name })), ...(isSaved ? [] : [{ value: draft.id, label: draft.name ? `${draft.name} (not saved)` : '(new, not saved)' }])]

  return (
    <details className="sequences" onKeyDown={keepKeys}>
      <summary>Sequences{sequences.length > 0 ? ` (${sequences.length})` : ''}</summary>
      <div className="row">
        <SelectField label="Sequence" value={draft.id} options={choices} onChange={(id) => {
          const chosen = sequences.find((s) => s.id === id)
          if (chosen) setDraft(draftOf(chosen))
        }} />
        <TextField label="Sequence name" value={draft.name} onChange={(name) => setDraft({ ...draft, name })} />
        <button type="button" className="btn small" onClick={() => setDraft(newSequenceDraft())}>New sequence</button>
        {isSaved ? <button type="button" className="btn small danger" onClick={remove}>Delete sequence</button> : null}
      </div>
      <table className="sequence-steps">
        <thead>
          <tr><th>#</th><th>Wait (ms)</th><th>Topic</th><th>Payload</th><th>Format</th><th>QoS</th><th>Retain</th><th /></tr>
        </thead>
        <tbody>
          {draft.steps.map((step, i) => {
            const n = i + 1
            return (
              <tr key={i}>
                <td>{n}</td>
                <td><input aria-label={`Step ${n} wait in milliseconds`} className="delay" inputMode="numeric" value={step.delay} onChange={(e) => patchStep(i, { delay: e.target.value })} /></td>
                <td><input aria-label={`Step ${n} topic`} value={step.topic} onChange={(e) => patchStep(i, { topic: e.target.value })} /></td>
                <td><input aria-label={`Step ${n} payload`} value={step.payload} onChange={(e) => patchStep(i, { payload: e.target.value })} /></td>
                <td>
                  <select aria-label={`Step ${n} format`} value={step.format ?? 'text'} onChange={(e) => patchStep(i, { format: e.target.value as PayloadFormat })}>
                    {PAYLOAD_FORMATS.map((format) => <option key={format} value={format}>{PAYLOAD_FORMAT_LABELS[format]}</option>)}
                  </select>
                </td>
                <td>
                  <select aria-label={`Step ${n} QoS`} value={step.qos} onChange={(e) => patchStep(i, { qos: Number(e.target.value) as QoS })}>
                    <option value={0}>0</option><option value={1}>1</option><option value={2}>2</option>
                  </select>
                </td>
                <td><input type="checkbox" aria-label={`Step ${n} retain`} checked={step.retain} onChange={(e) => patchStep(i, { retain: e.target.checked })} /></td>
                <td className="row">
                  <button type="button" className="btn small" aria-label={`Move step ${n} up`} disabled={i === 0} onClick={() => moveStep(i, -1)}>↑</button>
                  <button type="button" className="btn small" aria-label={`Move step ${n} down`} disabled={i === draft.steps.length - 1} onClick={() => moveStep(i, 1)}>↓</button>
                  <button type="button" className="btn small danger" aria-label={`Remove step ${n}`} disabled={draft.steps.length === 1} onClick={() => setDraft({ ...draft, steps: draft.steps.filter((_, j) => j !== i) })}>×</button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <div className="row">
        <button type="button" className="btn small" disabled={draft.steps.length >= MAX_SEQUENCE_STEPS} onClick={() => setDraft({ ...draft, steps: [...draft.steps, { ...emptyStep }] })}>Add step</button>
        <SelectField label="Run" value={draft.mode} options={MODES} onChange={(mode) => setDraft({ ...draft, mode })} />
        {draft.mode === 'times' ? <TextField label="Times" type="number" value={draft.times} onChange={(times) => setDraft({ ...draft, times })} /> : null}
        {draft.mode === 'every' ? <TextField label="Every (ms)" type="number" value={draft.everyMs} onChange={(everyMs) => setDraft({ ...draft, everyMs })} /> : null}
      </div>
      <div className="toolbar">
        <button type="button" className="btn small" onClick={save}>Save sequence</button>
        {running ? (
          <button type="button" className="btn small" onClick={() => void useSequencesStore.getState().stop(connectionId)}>Stop sequence</button>
        ) : (
          <button type="button" className="btn small primary" disabled={!connected} onClick={run}>Run sequence</button>
        )}
        {status ? <span className="muted" role="status" aria-label="Sequence run">{describeRun(status)}</span> : null}
      </div>
      {message ?? runError ? (
        <div className={message?.kind === 'ok' ? 'ok-text' : 'error-text'} role={message?.kind === 'ok' ? 'status' : 'alert'}>
          {message?.text ?? runError}
        </div>
      ) : null}
    </details>
  )
}
