import { useEffect, useRef, useState } from 'react'
import type { PeerApp, PeerDataFile, PeerFile, PeerPreview } from '@shared/contract'
import { CheckField, SelectField } from '../../components/FormFields'
import { errorMessage } from '../../lib/errorMessage'
import { profileService } from '../../services/profile'
import { useAppStore } from '../../stores/app'
import { useProfilesStore } from '../../stores/profiles'
import { PeerPreviewList } from './PeerPreviewList'
import { keepTabInside } from '../../components/focusTrap'

const APPS: { value: PeerApp; label: string }[] = [
  { value: 'mqtt-explorer', label: 'MQTT Explorer (settings.json)' },
  { value: 'mqttx', label: 'MQTTX (MQTTX.db, or an export in JSON or YAML)' }
]

interface Props {
  onClose: () => void
  /** Called after an import with the number of profiles added. */
  onImported: (count: number) => void
}

/** Import from MQTT Explorer or MQTTX: pick the file (or one found on this computer), preview, import the chosen connections. */
export function PeerImportDialog({ onClose, onImported }: Props): React.JSX.Element {
  const discovery = useAppStore((s) => s.capabilities.peerDiscovery)
  const [app, setApp] = useState<PeerApp>('mqtt-explorer')
  const [found, setFound] = useState<PeerDataFile[] | null>(null)
  const [source, setSource] = useState<{ app: PeerApp; file: PeerFile; label: string } | null>(null)
  const [preview, setPreview] = useState<PeerPreview | null>(null)
  const [chosen, setChosen] = useState<Set<string>>(new Set())
  const [passwords, setPasswords] = useState(true)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (!discovery) return
    profileService
      .findPeerData({})
      .then((reply) => setFound(reply.files))
      .catch((e: unknown) => setError(errorMessage(e)))
  }, [discovery])

  const load = async (next: { app: PeerApp; file: PeerFile; label: string }): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      const reply = await profileService.previewPeerImport({ app: next.app, file: next.file })
      setSource(next)
      setPreview(reply)
      setChosen(new Set(reply.candidates.map((c) => c.key)))
    } catch (e) {
      setPreview(null)
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const confirm = async (): Promise<void> => {
    if (!source) return
    setBusy(true)
    setError(null)
    try {
      const imported = await useProfilesStore.getState().importPeerProfiles({ app: source.app, file: source.file, keys: [...chosen], passwords })
      onImported(imported.length)
    } catch (e) {
      setError(errorMessage(e))
      setBusy(false)
    }
  }

  const toggle = (key: string, on: boolean): void => {
    const next = new Set(chosen)
    if (on) next.add(key)
    else next.delete(key)
    setChosen(next)
  }

  return (
    <div className="dialog-backdrop" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <div className="dialog peer-import" role="dialog" aria-modal="true" aria-label="Import from MQTT Explorer or MQTTX" onKeyDown={keepTabInside}>
        <h2>Import from MQTT Explorer or MQTTX</h2>
        {found?.length === 0 ? <p className="muted">No MQTT Explorer or MQTTX data was found in their usual places on this computer; choose the file below.</p> : null}
        {found && found.length > 0 ? (
          <section aria-label="Found on this computer">
            <p className="muted">Found on this computer:</p>
            <ul className="plain-list">
              {found.map((file) => (
                <li key={file.path} className="row">
                  <span className="grow">
                    {file.kind} <span className="muted mono">{file.path}</span>
                  </span>
                  <button type="button" className="btn small" disabled={busy} aria-label={`Preview ${file.path}`} onClick={() => void load({ app: file.app, file: { path: file.path }, label: file.path })}>
                    Preview
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <div className="row">
          <SelectField label="From" value={app} options={APPS} onChange={setApp} />
          <button type="button" className="btn small" disabled={busy} onClick={() => fileInput.current?.click()}>
            Choose file…
          </button>
        </div>
        <input
          ref={fileInput}
          type="file"
          accept=".json,.yaml,.yml,.db,application/json"
          aria-label="MQTT Explorer or MQTTX file to import"
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0]
            event.target.value = ''
            if (file) void file.arrayBuffer().then((buffer) => load({ app, file: { name: file.name, bytes: new Uint8Array(buffer) }, label: file.name }))
          }}
        />
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        {preview && source ? <PeerPreviewList preview={preview} label={source.label} chosen={chosen} onToggle={toggle} /> : null}
        {preview?.candidates.some((c) => c.hasPassword) ? <CheckField label="Save the passwords found (encrypted)" checked={passwords} onChange={setPasswords} /> : null}
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn primary" disabled={busy || !preview || chosen.size === 0} onClick={() => void confirm()}>
            {`Import ${chosen.size} ${chosen.size === 1 ? 'connection' : 'connections'}`}
          </button>
        </div>
      </div>
    </div>
  )
}
