import { useMemo, useState } from 'react'
import type { MessageRecord } from '@shared/contract'
import { CodeView, DiffView } from '../../components/code'
import { formatByteSize, hexDump } from '../../lib/bytes'
import { copyText } from '../../lib/clipboard'
import { downloadFile } from '../../lib/download'
import { detectPayloadFormat, languageOf, PAYLOAD_FORMAT_LABELS, PAYLOAD_FORMATS, renderPayload, type PayloadFormat } from '../../lib/payloadView'
import { errorMessage } from '../../lib/errorMessage'
import { payloadAvailability, payloadFileName, propertyRows } from './messageFacts'
import { useFullPayload } from './useFullPayload'

/** The viewer reads hex as a dump (offsets and ASCII); other formats as the composer writes them. */
function viewText(bytes: Uint8Array, format: PayloadFormat): string {
  return format === 'hex' ? hexDump(bytes) : renderPayload(bytes, format)
}

/** Value of one message in a chosen format, or its diff against another message; raw bytes kept throughout. */
export function ValueViewer({
  connectionId,
  topic,
  record,
  compareTo,
  diff
}: {
  connectionId: string
  topic: string
  record: MessageRecord
  /** The message to diff against (null: nothing to compare with). */
  compareTo: MessageRecord | null
  diff: boolean
}): React.JSX.Element {
  const [chosen, setChosen] = useState<PayloadFormat | 'auto'>('auto')
  const [notice, setNotice] = useState<string | null>(null)
  const payload = useFullPayload(connectionId, topic, record)
  const other = useFullPayload(connectionId, topic, compareTo ?? undefined)
  // Formatting a large payload is costly: done once per payload and format, not on every render.
  const format = useMemo(() => (chosen === 'auto' ? detectPayloadFormat(payload.bytes) : chosen), [chosen, payload.bytes])
  const text = useMemo(() => viewText(payload.bytes, format), [payload.bytes, format])
  const otherText = useMemo(() => (diff && compareTo ? viewText(other.bytes, format) : ''), [diff, compareTo, other.bytes, format])
  const availability = payload.whole ? { kind: 'whole' as const } : payloadAvailability(record)
  const properties = propertyRows(record.properties)

  const copy = (): void => {
    copyText(text).then(
      () => setNotice('Value copied.'),
      (error: unknown) => setNotice(errorMessage(error))
    )
  }
  const save = (): void => {
    const extension = format === 'json' ? 'json' : format === 'text' ? 'txt' : 'bin'
    downloadFile(payloadFileName(topic, record.seq, extension), payload.bytes)
  }

  return (
    <div className="viewer">
      <div className="toolbar">
        <select aria-label="Value format" value={chosen} onChange={(event) => setChosen(event.target.value as PayloadFormat | 'auto')}>
          <option value="auto">Auto ({PAYLOAD_FORMAT_LABELS[format]})</option>
          {PAYLOAD_FORMATS.map((f) => (
            <option key={f} value={f}>
              {PAYLOAD_FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
        <span className="muted">{formatByteSize(record.size)}</span>
        <span className="grow" />
        <button type="button" className="btn small" onClick={copy} disabled={record.payloadEvicted}>
          Copy value
        </button>
        <button type="button" className="btn small" onClick={save} disabled={!payload.whole}>
          Save payload
        </button>
      </div>
      {availability.kind !== 'whole' ? (
        <div className="banner" role="status">
          {availability.text}{' '}
          {availability.kind === 'partial' ? (
            <button type="button" className="btn small" disabled={payload.loading} onClick={payload.loadWhole}>
              {payload.loading ? 'Loading…' : `Load all ${formatByteSize(record.size)}`}
            </button>
          ) : null}
        </div>
      ) : null}
      {payload.error ? <div className="banner error" role="alert">{payload.error}</div> : null}
      {notice ? <div className="muted" role="status">{notice}</div> : null}
      {properties.length > 0 ? (
        <dl className="properties" aria-label="MQTT 5 properties">
          {properties.map(([label, value], i) => (
            <div key={i}>
              <dt>{label}</dt>
              <dd className="mono">{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <div className="code-frame">
        {diff && compareTo ? (
          <DiffView original={otherText} modified={text} language={languageOf(format)} label={`Message ${compareTo.seq} compared with message ${record.seq}`} />
        ) : (
          <CodeView value={text} language={languageOf(format)} label={`Value of message ${record.seq}`} />
        )}
      </div>
    </div>
  )
}
