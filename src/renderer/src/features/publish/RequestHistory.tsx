import { useEffect, useState } from 'react'
import { REQUEST_HISTORY_PAYLOAD_BYTES, type RequestHistoryEntry } from '@shared/contract'
import { utf8Decode } from '../../lib/bytes'
import { errorMessage } from '../../lib/errorMessage'
import { formatTime } from '../../lib/time'
import { publishSelectors, usePublishStore } from '../../stores/publish'

/** The start of a payload as text, marked when the history kept only part of it. */
function preview(payload: Uint8Array, cut: boolean): string {
  const text = utf8Decode(payload)
  const shown = text.length > 120 ? `${text.slice(0, 119)}…` : text
  return `${shown || '(empty payload)'}${cut ? ` (cut: only the first ${REQUEST_HISTORY_PAYLOAD_BYTES / 1024} KiB were kept)` : ''}`
}

function Outcome({ outcome }: { outcome: RequestHistoryEntry['outcome'] }): React.JSX.Element {
  if (outcome.kind === 'reply') {
    return (
      <span className="ok-text">
        Reply after {outcome.roundTripMs.toLocaleString('en-US')} ms on <span className="mono">{outcome.topic}</span>: <span className="mono">{preview(outcome.payload, outcome.payloadCut)}</span>
      </span>
    )
  }
  if (outcome.kind === 'timeout') return <span className="error-text">Timed out after {outcome.timeoutMs.toLocaleString('en-US')} ms: no reply came.</span>
  return <span className="error-text">Refused: {outcome.message}</span>
}

/** The profile's MQTT 5 requests, newest first, each beside its reply and round-trip time (or its timeout or refusal). */
export function RequestHistory({ profileId }: { profileId: string }): React.JSX.Element | null {
  const entries = usePublishStore(publishSelectors.requests(profileId))
  const { loadRequests, clearRequests } = usePublishStore.getState()
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(() => {
    loadRequests(profileId).catch((error: unknown) => setProblem(errorMessage(error)))
  }, [loadRequests, profileId])

  if (entries.length === 0 && problem === null) return null
  return (
    <section className="request-history" aria-label="Requests">
      <div className="toolbar">
        <strong>Requests</strong>
        <button type="button" className="btn small" disabled={entries.length === 0} onClick={() => clearRequests(profileId).then(() => setProblem(null), (error: unknown) => setProblem(errorMessage(error)))}>
          Clear requests
        </button>
      </div>
      {problem ? <div className="error-text" role="alert">{problem}</div> : null}
      <ul>
        {entries.map((entry) => (
          <li key={entry.id} className="request-entry">
            <span className="muted">{formatTime(entry.sentAt)}</span> <span className="mono">{entry.topic}</span> <span className="mono">{preview(entry.payload, entry.payloadCut)}</span>
            <span className="muted"> · QoS {entry.qos} · replies to {entry.responseTopic} · correlation {entry.correlationData}</span>
            <div>
              <Outcome outcome={entry.outcome} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}
