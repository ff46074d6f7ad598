import { useState } from 'react'
import { TextField } from '../../components/FormFields'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { useRecordingsStore } from '../../stores/recordings'
import { emptyRecordingDraft, recordingRequestOf, type RecordingDraft } from './recordingForm'

/** Starts and stops the recording of one connection, and shows its counts while it runs. */
export function RecordControl({ connectionId, live }: { connectionId: string; live: boolean }): React.JSX.Element | null {
  const recording = useRecordingsStore((state) => state.byConnection[connectionId])
  const error = useRecordingsStore((state) => state.error)
  const [draft, setDraft] = useState<RecordingDraft | null>(null)
  const [tried, setTried] = useState(false)
  const { start, stop } = useRecordingsStore.getState()

  if (recording?.active) {
    return (
      <span className="recording" role="status" aria-label="Recording">
        <span className="recording-dot" aria-hidden="true" /> Recording · {recording.written.toLocaleString('en')} of {recording.received.toLocaleString('en')} written
        {recording.notWritten > 0 ? <span className="problem"> · {recording.notWritten.toLocaleString('en')} not written: {recording.notWrittenReason}</span> : null}
        <button type="button" className="btn small" onClick={() => void stop(connectionId)}>
          Stop recording
        </button>
      </span>
    )
  }
  const { request, problems } = draft ? recordingRequestOf(draft) : { request: null, problems: {} }
  const shown = tried ? problems : {}
  const submit = (): void => {
    setTried(true)
    if (!request) return
    void start(connectionId, request).then((started) => started && setDraft(null))
  }
  const patch = (change: Partial<RecordingDraft>): void => setDraft((current) => ({ ...(current ?? emptyRecordingDraft), ...change }))
  return (
    <>
      {recording && !recording.active ? (
        <span className="muted" role="status">
          Recorded {recording.written.toLocaleString('en')} of {recording.received.toLocaleString('en')}.{recording.endReason ? ` ${recording.endReason}` : ''}
        </span>
      ) : null}
      <button type="button" className="btn small" disabled={!live} onClick={() => {
          setTried(false)
          setDraft(emptyRecordingDraft)
        }}>
        Record…
      </button>
      {draft ? (
        <ConfirmDialog title="Record this connection" confirmLabel="Start recording" onConfirm={submit} onCancel={() => setDraft(null)}>
          <TextField label="Name" value={draft.name} placeholder="e.g. Line 4 commissioning" onChange={(name) => patch({ name })} />
          <TextField
            label="Topic filters"
            multiline
            value={draft.filters}
            hint="One per line; leave empty to record everything this connection receives."
            problem={shown.filters}
            onChange={(filters) => patch({ filters })}
          />
          <TextField label="Stop at size (MB)" type="number" value={draft.maxMegabytes} problem={shown.maxMegabytes} onChange={(maxMegabytes) => patch({ maxMegabytes })} />
          <TextField label="Stop after (minutes)" type="number" value={draft.maxMinutes} problem={shown.maxMinutes} onChange={(maxMinutes) => patch({ maxMinutes })} />
          {error ? <div className="banner error" role="alert">{error}</div> : null}
        </ConfirmDialog>
      ) : null}
    </>
  )
}
