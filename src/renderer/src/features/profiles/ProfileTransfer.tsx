import { useRef, useState } from 'react'
import { CheckField } from '../../components/FormFields'
import { downloadFile } from '../../lib/download'
import { errorMessage } from '../../lib/errorMessage'
import { profileService } from '../../services/profile'
import { useProfilesStore } from '../../stores/profiles'
import { PeerImportDialog } from './PeerImportDialog'

function profilesWord(count: number): string {
  return `${count} ${count === 1 ? 'profile' : 'profiles'}`
}

/** Export every profile to a JSON file (secrets only when asked), import such a file back, or import from MQTT Explorer / MQTTX. */
export function ProfileTransfer(): React.JSX.Element {
  const [includeSecrets, setIncludeSecrets] = useState(false)
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [peerImport, setPeerImport] = useState(false)
  const fileInput = useRef<HTMLInputElement>(null)

  const exportAll = async (): Promise<void> => {
    try {
      const reply = await profileService.export({ includeSecrets })
      downloadFile(reply.suggestedFileName, new TextEncoder().encode(reply.json), 'application/json')
      setMessage({ kind: 'ok', text: [`Exported ${profilesWord(reply.count)}.`, ...reply.warnings].join(' ') })
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) })
    }
  }

  const importFile = async (file: File): Promise<void> => {
    try {
      const reply = await useProfilesStore.getState().importProfiles(await file.text())
      const rejected = reply.rejected.map((r) => `Skipped ${r.name ?? `entry ${r.index + 1}`}: ${r.reason}`)
      setMessage({ kind: rejected.length ? 'error' : 'ok', text: [`Imported ${profilesWord(reply.imported.length)}.`, ...rejected].join(' ') })
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) })
    }
  }

  return (
    <div className="toolbar" style={{ borderTop: '1px solid var(--border)', borderBottom: 'none' }}>
      <button type="button" className="btn small" onClick={() => void exportAll()}>
        Export profiles
      </button>
      <CheckField label="with passwords" checked={includeSecrets} onChange={setIncludeSecrets} />
      {includeSecrets ? (
        <span className="muted">
          The passwords are in the file in clear, and it is saved like any other download (same folder, same permissions):
          move it somewhere only you can read, or delete it once imported.
        </span>
      ) : null}
      <button type="button" className="btn small" onClick={() => fileInput.current?.click()}>
        Import profiles
      </button>
      <button type="button" className="btn small" onClick={() => setPeerImport(true)}>
        Import from MQTT Explorer / MQTTX…
      </button>
      {peerImport ? (
        <PeerImportDialog
          onClose={() => setPeerImport(false)}
          onImported={(count) => {
            setPeerImport(false)
            setMessage({ kind: 'ok', text: `Imported ${profilesWord(count)}.` })
          }}
        />
      ) : null}
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        aria-label="Profiles file to load"
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0]
          event.target.value = ''
          if (file) void importFile(file)
        }}
      />
      {message ? (
        <span className={message.kind === 'ok' ? 'ok-text' : 'error-text'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </span>
      ) : null}
    </div>
  )
}
