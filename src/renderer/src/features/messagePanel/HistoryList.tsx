import { memo, type KeyboardEvent } from 'react'
import type { MessageRecord } from '@shared/contract'
import type { ProfileDecoders } from '@shared/decoders'
import { formatByteSize } from '../../lib/bytes'
import { payloadSummary } from '../../lib/payloadSummary'
import { formatTime } from '../../lib/time'

/** A topic's messages, newest first: time, QoS, flags, size, whether it has MQTT 5 properties, and the value in one line. */
export const HistoryList = memo(function HistoryList({
  topic,
  messages,
  selectedSeq,
  compareSeq,
  onSelect,
  hasOlder,
  onLoadOlder,
  decoders
}: {
  topic: string
  messages: MessageRecord[]
  selectedSeq: number | undefined
  compareSeq: number | undefined
  onSelect: (seq: number) => void
  hasOlder: boolean
  onLoadOlder: () => void
  /** The connection's profile settings: a pinned or Protobuf-mapped topic lists decoded summaries. */
  decoders: ProfileDecoders
}): React.JSX.Element {
  const index = messages.findIndex((m) => m.seq === selectedSeq)
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    const next = event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : -2
    const message = messages[next]
    if (next === -2 || !message) return
    event.preventDefault()
    onSelect(message.seq)
  }
  return (
    <div className="history">
      <div className="history-head muted" aria-hidden="true">
        <span>#</span>
        <span>Time</span>
        <span>QoS</span>
        <span>Flags</span>
        <span>Size</span>
        <span>Value</span>
      </div>
      <ul className="history-list" role="listbox" aria-label="Message history" tabIndex={0} onKeyDown={onKeyDown} aria-activedescendant={index >= 0 ? `history-${selectedSeq}` : undefined}>
        {messages.map((m) => (
          <li
            key={m.seq}
            id={`history-${m.seq}`}
            role="option"
            aria-selected={m.seq === selectedSeq}
            className={`history-row${m.seq === selectedSeq ? ' selected' : ''}${m.seq === compareSeq ? ' compared' : ''}`}
            onClick={() => onSelect(m.seq)}
          >
            <span className="muted">{m.seq}</span>
            <span className="mono">{formatTime(m.receivedAt)}</span>
            <span>QoS {m.qos}</span>
            <span>
              {m.retain ? <span className="badge retained" title="Retained">R</span> : null}
              {m.dup ? <span className="badge" title="Duplicate delivery">DUP</span> : null}
              {m.properties ? <span className="badge" title="Has MQTT 5 properties">v5</span> : null}
            </span>
            <span>
              {formatByteSize(m.size)}
              {m.truncated ? '…' : ''}
            </span>
            <span className="history-value mono">{m.payloadEvicted ? '' : payloadSummary(topic, m, undefined, decoders)}</span>
          </li>
        ))}
      </ul>
      {hasOlder ? (
        <button type="button" className="btn small" onClick={onLoadOlder}>
          Load older messages
        </button>
      ) : null}
    </div>
  )
})
