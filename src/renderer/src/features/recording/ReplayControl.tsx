import { useState } from 'react'
import type { RecordingSummary, ReplayStatus } from '@shared/contract'
import { topicFilterProblem } from '@shared/topics'
import { useConnectionsStore } from '../../stores/connections'
import { useProfilesStore } from '../../stores/profiles'
import { useRecordingsStore } from '../../stores/recordings'

/** Speeds offered; null is "as fast as the broker acknowledges". */
const SPEEDS: ReadonlyArray<{ value: string; speed: number | null; label: string }> = [
  { value: '0.1', speed: 0.1, label: '0.1× (slower)' },
  { value: '0.5', speed: 0.5, label: '0.5×' },
  { value: '1', speed: 1, label: '1× (as recorded)' },
  { value: '2', speed: 2, label: '2×' },
  { value: '10', speed: 10, label: '10×' },
  { value: '100', speed: 100, label: '100×' },
  { value: 'max', speed: null, label: 'As fast as acknowledged' }
]

function statusLine(status: ReplayStatus): string {
  const counts = `${status.sent.toLocaleString('en')} of ${status.total.toLocaleString('en')} sent · ${status.acknowledged.toLocaleString('en')} acknowledged · ${status.refused.toLocaleString('en')} refused`
  const state = { running: 'Replaying', paused: 'Paused', finished: 'Replayed', cancelled: 'Cancelled', failed: 'Stopped' }[status.state]
  return `${state}: ${counts}`
}

/** Replay… on a recording: choose an open connection, the speed, a topic prefix and filters; then progress with pause, resume and cancel. */
export function ReplayControl({ recording }: { recording: RecordingSummary }): React.JSX.Element {
  const status = useRecordingsStore((state) => state.replays[recording.id])
  const tabs = useConnectionsStore((state) => state.tabs)
  const profiles = useProfilesStore((state) => state.profiles)
  const targets = tabs.filter((tab) => tab.state === 'connected').map((tab) => ({ id: tab.connectionId, name: profiles.find((p) => p.id === tab.profileId)?.name ?? tab.connectionId }))
  const [open, setOpen] = useState(false)
  const [target, setTarget] = useState('')
  const [speed, setSpeed] = useState('1')
  const [prefix, setPrefix] = useState('replay/')
  const [filters, setFilters] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const running = status?.state === 'running' || status?.state === 'paused'
  const { replay, controlReplay } = useRecordingsStore.getState()

  const start = (event: React.FormEvent): void => {
    event.preventDefault()
    const connectionId = target || targets[0]?.id
    if (!connectionId) return setProblem('Connect to the broker to replay to first: replays go to an open connection.')
    const list = filters.split(/[\s,]+/).filter(Boolean)
    const wrong = list.map((filter) => topicFilterProblem(filter)).find(Boolean)
    if (wrong) return setProblem(wrong)
    setProblem(null)
    void replay({ recordingId: recording.id, connectionId, speed: SPEEDS.find((s) => s.value === speed)?.speed ?? 1, prefix, filters: list }).then((started) => started && setOpen(false))
  }

  return (
    <div className="replay">
      {status ? (
        <div role="status" aria-label={`Replay of ${recording.name}`}>
          <progress max={Math.max(status.total, 1)} value={status.sent} aria-label="Replay progress" />
          <span className="muted"> {statusLine(status)}</span>
          {status.lastRefusal ? <div className="problem">Last refusal: {status.lastRefusal}</div> : null}
          {status.error ? <div className="problem">{status.error}</div> : null}
          {running ? (
            <span>
              {' '}
              <button type="button" className="btn small" onClick={() => void controlReplay(status.replayId, status.state === 'paused' ? 'resume' : 'pause')}>
                {status.state === 'paused' ? 'Resume' : 'Pause'}
              </button>{' '}
              <button type="button" className="btn small" onClick={() => void controlReplay(status.replayId, 'cancel')}>
                Cancel replay
              </button>
            </span>
          ) : null}
        </div>
      ) : null}
      {!running && !open ? (
        <button type="button" className="btn small" disabled={recording.problem !== null} aria-label={`Replay recording ${recording.name}`} onClick={() => setOpen(true)}>
          Replay…
        </button>
      ) : null}
      {open && !running ? (
        <form className="replay-form" aria-label={`Replay ${recording.name}`} onSubmit={start}>
          <select aria-label="Replay to" value={target || targets[0]?.id || ''} onChange={(event) => setTarget(event.target.value)}>
            {targets.length === 0 ? <option value="">No open connection</option> : null}
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          <select aria-label="Replay speed" value={speed} onChange={(event) => setSpeed(event.target.value)}>
            {SPEEDS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
          <input aria-label="Topic prefix" className="mono" value={prefix} placeholder="No prefix" onChange={(event) => setPrefix(event.target.value)} />
          <input aria-label="Only topics matching" className="mono" value={filters} placeholder="All topics (or filters, e.g. plant/#)" onChange={(event) => setFilters(event.target.value)} />
          <button type="submit" className="btn small primary">
            Start replay
          </button>
          <button type="button" className="btn small" onClick={() => setOpen(false)}>
            Close
          </button>
          {prefix === '' ? <div className="muted">Without a prefix the replay publishes on the recorded topics: subscribers cannot tell it from live devices.</div> : null}
          {problem ? (
            <div className="problem" role="alert">
              {problem}
            </div>
          ) : null}
        </form>
      ) : null}
    </div>
  )
}
