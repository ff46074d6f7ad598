import type { PeerCandidate, PeerPreview } from '@shared/contract'

interface Props {
  preview: PeerPreview
  /** The file's path or name, as the user chose it. */
  label: string
  chosen: Set<string>
  onToggle: (key: string, on: boolean) => void
}

function details(candidate: PeerCandidate): string {
  const { protocol, host, port, path, protocolVersion } = candidate.options
  const version = { 3: 'MQTT 3.1', 4: 'MQTT 3.1.1', 5: 'MQTT 5.0' }[protocolVersion]
  const parts = [`${protocol}://${host}:${port}${protocol.startsWith('ws') ? path : ''}`, version, `${candidate.subscriptions.length} ${candidate.subscriptions.length === 1 ? 'subscription' : 'subscriptions'}`]
  if (candidate.group) parts.push(`group ${candidate.group}`)
  if (candidate.hasPassword) parts.push('password found (saved encrypted)')
  if (candidate.inlineFiles.length > 0) parts.push(`certificates ${candidate.inlineFiles.join(', ')} saved as files`)
  return parts.join(' · ')
}

/** What an import would bring over (each connection can be unticked) and what cannot be mapped, with the reason. */
export function PeerPreviewList({ preview, label, chosen, onToggle }: Props): React.JSX.Element {
  return (
    <div className="peer-preview">
      <p>
        {preview.kind}: <span className="mono">{label}</span>
      </p>
      {preview.candidates.length === 0 ? <p className="muted">No connection in this file can be imported.</p> : null}
      <ul className="plain-list" aria-label="Connections to import">
        {preview.candidates.map((candidate) => (
          <li key={candidate.key}>
            <label className="check">
              <input type="checkbox" checked={chosen.has(candidate.key)} onChange={(event) => onToggle(candidate.key, event.target.checked)} />
              <strong>{candidate.name}</strong>
            </label>
            <div className="muted mono">{details(candidate)}</div>
          </li>
        ))}
      </ul>
      {preview.skipped.length > 0 ? (
        <section aria-label="Cannot be mapped">
          <p>Cannot be brought over:</p>
          <ul className="plain-list">
            {preview.skipped.map((entry, index) => (
              <li key={index}>
                <strong>{entry.name}</strong>
                {entry.wholeConnection ? ' (not imported)' : ''}: {entry.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}
