import { useState } from 'react'
import { TextField } from '../../components/FormFields'
import type { ComposerDraft } from '../../stores/publish'
import { useSimulationsStore } from '../../stores/simulations'

/** "Simulate a device": the composer's message published at a rate (optionally N times) until stopped, with counts. */
export function SimulateDevice({ connectionId, draft, connected }: { connectionId: string; draft: ComposerDraft; connected: boolean }): React.JSX.Element {
  const status = useSimulationsStore((state) => state.byConnection[connectionId])
  const error = useSimulationsStore((state) => state.errors[connectionId])
  const [rate, setRate] = useState('1')
  const [count, setCount] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const running = status?.state === 'running'
  const start = (): void => {
    const ratePerSecond = Number(rate)
    const times = count.trim() === '' ? undefined : Number(count)
    if (!Number.isFinite(ratePerSecond) || ratePerSecond < 0.1 || ratePerSecond > 10_000) return setProblem('Type a rate between 0.1 and 10,000 messages per second.')
    if (times !== undefined && (!Number.isInteger(times) || times < 1)) return setProblem('Type how many messages to send as a whole number, or leave it empty to run until stopped.')
    setProblem(null)
    // Hex and base64 payloads spell bytes: a simulation sends text, so those are sent as the composer shows them.
    void useSimulationsStore.getState().start(connectionId, { topic: draft.topic, payload: draft.text, qos: draft.qos, retain: draft.retain }, ratePerSecond, times)
  }
  return (
    <fieldset className="row simulate">
      <legend>Simulate a device</legend>
      <TextField label="Messages per second" value={rate} onChange={setRate} type="number" />
      <TextField label="How many (empty: until stopped)" value={count} onChange={setCount} type="number" />
      {running ? (
        <button type="button" className="btn small" onClick={() => void useSimulationsStore.getState().stop(connectionId)}>
          Stop simulation
        </button>
      ) : (
        <button type="button" className="btn small" disabled={!connected || draft.format === 'hex' || draft.format === 'base64'} onClick={start}>
          Start simulation
        </button>
      )}
      {status ? (
        <span className="muted" role="status" aria-label="Simulation">
          {running ? 'Simulating' : status.state === 'finished' ? 'Finished' : status.state === 'failed' ? 'Stopped by a problem' : 'Stopped'}: {status.sent.toLocaleString('en')} sent,{' '}
          {status.acknowledged.toLocaleString('en')} acknowledged, {status.refused.toLocaleString('en')} refused{status.lastError ? `. ${status.lastError}` : ''}
        </span>
      ) : null}
      {problem ?? error ? (
        <div className="problem" role="alert">
          {problem ?? error}
        </div>
      ) : null}
    </fieldset>
  )
}
