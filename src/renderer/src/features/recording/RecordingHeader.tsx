import { useState } from 'react'
import { useStore } from 'zustand'
import { formatDateTime } from '../../lib/time'
import { getClientModel } from '../../model'
import { useConnectionsStore, type RecordingTabInfo } from '../../stores/connections'

/** Slider positions across a recording: fine enough to pick a second of an hour, few enough to drag smoothly. */
const SLIDER_STEPS = 2_000

/**
 * A recording's tab header: what it is (read-only), and the time slider that shows the tree, history and charts
 * as they were at any moment of it. Dragging sends the newest position only once main has shown the one before.
 */
export function RecordingHeader({ connectionId, recording }: { connectionId: string; recording: RecordingTabInfo }): React.JSX.Element {
  const model = getClientModel(connectionId)
  const topics = useStore(model.store, () => model.topicCount)
  const [dragged, setDragged] = useState<number | null>(null)
  // While main loads, the slider stays where the user put it; then it shows the moment main shows.
  const position = recording.loading && dragged !== null ? dragged : recording.at
  const { firstAt, lastAt } = recording
  const seek = (at: number): void => {
    setDragged(at)
    useConnectionsStore.getState().seekRecording(connectionId, at)
  }
  const step = firstAt !== null && lastAt !== null ? Math.max(1, Math.round((lastAt - firstAt) / SLIDER_STEPS)) : 1
  return (
    <div className="connection-header recording-header">
      <strong>{recording.name}</strong>
      <span className="badge">Recording · read-only</span>
      {recording.profileName ? <span className="muted">of {recording.profileName}</span> : null}
      <span className="muted" aria-label="Messages and topics shown">
        {recording.loaded.toLocaleString('en')} of {recording.total.toLocaleString('en')} messages · {topics.toLocaleString('en')} topics
        {recording.loading ? ' · loading…' : ''}
      </span>
      {firstAt !== null && lastAt !== null ? (
        <span className="time-slider grow">
          <button type="button" className="btn small" aria-label="Show the recording's start" onClick={() => seek(firstAt)}>
            ⏮
          </button>
          <input
            type="range"
            className="grow"
            aria-label="Time shown"
            aria-valuetext={formatDateTime(position)}
            min={firstAt}
            max={lastAt}
            step={step}
            value={position}
            onChange={(event) => seek(Number(event.target.value))}
          />
          <button type="button" className="btn small" aria-label="Show the recording's end" onClick={() => seek(lastAt)}>
            ⏭
          </button>
          <output className="mono" aria-label="Moment shown">
            {formatDateTime(position)}
          </output>
        </span>
      ) : (
        <span className="muted grow">{recording.loading ? 'Opening the recording…' : 'This recording holds no messages.'}</span>
      )}
    </div>
  )
}
