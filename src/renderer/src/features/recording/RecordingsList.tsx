import { useEffect, useRef } from 'react'
import type { RecordingExportFormat } from '@shared/contract'
import { formatByteSize } from '../../lib/bytes'
import { downloadFile } from '../../lib/download'
import { useConnectionsStore } from '../../stores/connections'
import { useRecordingsStore } from '../../stores/recordings'
import { ReplayControl } from './ReplayControl'

const EXPORTS: ReadonlyArray<{ format: RecordingExportFormat; label: string; type: string }> = [
  { format: 'jsonl', label: 'JSON Lines', type: 'application/x-ndjson' },
  { format: 'csv', label: 'CSV', type: 'text/csv' }
]

async function saveExport(recordingId: string, format: (typeof EXPORTS)[number]): Promise<void> {
  const file = await useRecordingsStore.getState().exportFile(recordingId, format.format)
  if (file) downloadFile(file.fileName, file.bytes, format.type)
}

/** The recordings on disk: what each holds, whether anything was lost, and why a file cannot be read. */
export function RecordingsList(): React.JSX.Element {
  const list = useRecordingsStore((state) => state.list)
  const error = useRecordingsStore((state) => state.error)
  const notice = useRecordingsStore((state) => state.notice)
  const { load, remove, importFile } = useRecordingsStore.getState()
  const fileInput = useRef<HTMLInputElement>(null)
  useEffect(() => void load(), [load])
  return (
    <section aria-label="Recordings" className="recordings">
      <div className="row">
        <h3 className="grow">Recordings</h3>
        <button type="button" className="btn small" onClick={() => fileInput.current?.click()}>
          Import recording…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".jsonl,application/x-ndjson,application/jsonl"
          aria-label="Recording file to import (JSON Lines)"
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0]
            event.target.value = ''
            if (file) void importFile(file)
          }}
        />
      </div>
      {error ? <div className="banner error" role="alert">{error}</div> : null}
      {notice ? <div className="ok-text" role="status">{notice}</div> : null}
      {list.length === 0 ? (
        <p className="muted">None yet: record a connection from its tab (Record…).</p>
      ) : (
        <ul>
          {list.map((r) => (
            <li key={r.id} aria-label={`Recording ${r.name}`}>
              <div className="row">
                <strong className="grow">{r.name}</strong>
                <button type="button" className="btn small" disabled={r.problem !== null} aria-label={`Open recording ${r.name}`} title="Browse it read-only: tree, history, search and charts at any moment of it" onClick={() => void useConnectionsStore.getState().openRecording(r.id, r.name)}>
                  Open
                </button>
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
              {r.problem ? null : (
                <div className="row">
                  {EXPORTS.map((format) => (
                    <button key={format.format} type="button" className="btn small" disabled={r.active} aria-label={`Export recording ${r.name} as ${format.label}`} onClick={() => void saveExport(r.id, format)}>
                      Export {format.label}
                    </button>
                  ))}
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
