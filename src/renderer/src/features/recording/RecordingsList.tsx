import { useEffect } from 'react'
import { formatByteSize } from '../../lib/bytes'
import { useRecordingsStore } from '../../stores/recordings'
import { ReplayControl } from './ReplayControl'

/** The recordings on disk: what each holds, whether anything was lost, and why a file cannot be read. */
export function RecordingsList(): React.JSX.Element {
  const list = useRecordingsStore((state) => state.list)
  const error = useRecordingsStore((state) => state.error)
  const { load, remove } = useRecordingsStore.getState()
  useEffect(() => void load(), [load])
  return (
    <section aria-label="Recordings" className="recordings">
      <h3>Recordings</h3>
      {error ? <div className="banner error" role="alert">{error}</div> : null}
      {list.length === 0 ? (
        <p className="muted">None yet: record a connection from its tab (Record…).</p>
      ) : (
        <ul>
          {list.map((r) => (
            <li key={r.id} aria-label={`Recording ${r.name}`}>
              <div className="row">
                <strong className="grow">{r.name}</strong>
                <button type="button" className="btn small" disabled={r.active} aria-label={`Delete recording ${r.name}`} onClick={() => void remove(r.id)}>
                  Delete
                </button>
              </div>
              {r.problem ? (
                <div className="problem">{r.problem}</div>
              ) : (
                <div className="muted">
                  {r.written.toLocaleString('en')} messages{r.active ? ', recording' : ''} · {formatByteSize(r.sizeBytes)} · {new Date(r.startedAt).toLocaleString()}
                </div>
              )}
              {r.notWritten > 0 ? (
                <div className="problem">
                  {r.notWritten.toLocaleString('en')} not written: {r.notWrittenReason}
                </div>
              ) : null}
              <ReplayControl recording={r} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
