import { useMemo, useState } from 'react'
import type { MessageRecord } from '@shared/contract'
import { CodeView, DiffView } from '../../components/code'
import type { DecoderId } from '@shared/decoders'
import { formatByteSize, toBase64 } from '../../lib/bytes'
import { copyText } from '../../lib/clipboard'
import { downloadFile } from '../../lib/download'
import { errorMessage } from '../../lib/errorMessage'
import { useConnectionDecoders } from '../../stores/connections'
import { PlotButton } from '../charts'
import { decodedView, decoderLabel, viewerDecoders } from './decodedView'
import { payloadAvailability, payloadFileName, propertyRows } from './messageFacts'
import { SparkplugMetrics } from './SparkplugMetrics'
import { useFullPayload } from './useFullPayload'
import { useSparkplugHistory } from './useSparkplugHistory'

const EXTENSIONS: Partial<Record<DecoderId, string>> = { json: 'json', text: 'txt', cbor: 'cbor', msgpack: 'msgpack' }

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
  const [chosen, setChosen] = useState<DecoderId | 'auto'>('auto')
  const [notice, setNotice] = useState<string | null>(null)
  const payload = useFullPayload(connectionId, topic, record)
  const other = useFullPayload(connectionId, topic, compareTo ?? undefined)
  // The profile's pins and Protobuf rules choose the decoder when the user has not.
  const decoders = useConnectionDecoders(connectionId)
  const pinned = decoders.pinFor(topic)
  // Decoding a large payload is costly: done once per payload and decoder, not on every render.
  const decoder = useMemo(() => decoders.decoderFor({ bytes: payload.bytes, topic }, chosen), [decoders, chosen, payload.bytes, topic])
  // Sparkplug reads against the births and previous message main keeps, so names and seq are as on arrival.
  const spark = useSparkplugHistory(connectionId, topic, record, decoder === 'sparkplug')
  const otherSpark = useSparkplugHistory(connectionId, topic, compareTo ?? undefined, decoder === 'sparkplug' && diff)
  const [sparkplugAs, setSparkplugAs] = useState<'table' | 'json'>('table')
  const view = useMemo(
    () => decodedView(payload.bytes, topic, decoder, decoders, spark.history ? { history: spark.history, receivedAt: record.receivedAt } : undefined),
    [payload.bytes, topic, decoder, decoders, spark.history, record.receivedAt]
  )
  // The diff compares the decoded forms, so a CBOR or MessagePack change reads as a change of values.
  const otherText = useMemo(
    () =>
      diff && compareTo
        ? decodedView(other.bytes, topic, decoder, decoders, otherSpark.history ? { history: otherSpark.history, receivedAt: compareTo.receivedAt } : undefined).text
        : '',
    [diff, compareTo, other.bytes, topic, decoder, decoders, otherSpark.history]
  )
  const plotDecoded = useMemo(() => (view.error ? undefined : { decoder, chosen: chosen !== 'auto', value: view.plotted }), [view, decoder, chosen])
  const text = view.text
  const image = view.image
  const availability = payload.whole ? { kind: 'whole' as const } : payloadAvailability(record)
  const properties = propertyRows(record.properties)

  const copy = (): void => {
    copyText(text).then(
      () => setNotice('Value copied.'),
      (error: unknown) => setNotice(errorMessage(error))
    )
  }
  const save = (): void => {
    const extension = image ? image.mime.slice('image/'.length) : (EXTENSIONS[decoder] ?? 'bin')
    downloadFile(payloadFileName(topic, record.seq, extension), payload.bytes)
  }

  return (
    <div className="viewer">
      <div className="toolbar">
        <select aria-label="Value format" value={chosen} onChange={(event) => setChosen(event.target.value as DecoderId | 'auto')}>
          <option value="auto">{pinned ? `Pinned (${decoderLabel(pinned)})` : `Auto (${decoderLabel(decoder)})`}</option>
          {viewerDecoders(decoders).map((id) => (
            <option key={id} value={id}>
              {decoderLabel(id)}
            </option>
          ))}
        </select>
        {view.sparkplug && !(diff && compareTo) ? (
          <select aria-label="Sparkplug view" value={sparkplugAs} onChange={(event) => setSparkplugAs(event.target.value as 'table' | 'json')}>
            <option value="table">Metrics table</option>
            <option value="json">JSON</option>
          </select>
        ) : null}
        <span className="muted">{formatByteSize(record.size)}</span>
        <span className="grow" />
        {payload.whole ? <PlotButton connectionId={connectionId} topic={topic} bytes={payload.bytes} decoded={plotDecoded} /> : null}
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
      {view.error ? <div className="banner error" role="alert">{view.error} The bytes are shown as hex.</div> : null}
      {spark.error ? <div className="banner error" role="alert">{spark.error} Names and types from the birth certificate are not shown.</div> : null}
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
      {image && !(diff && compareTo) ? (
        <figure className="image-view">
          <img src={`data:${image.mime};base64,${toBase64(image.bytes)}`} alt={`Image in message ${record.seq}`} width={image.width} height={image.height} />
          <figcaption className="muted">{text}</figcaption>
        </figure>
      ) : view.sparkplug && sparkplugAs === 'table' && !(diff && compareTo) ? (
        <SparkplugMetrics message={view.sparkplug.message} now={view.sparkplug.now} />
      ) : (
        <div className="code-frame">
          {diff && compareTo ? (
            <DiffView original={otherText} modified={text} language={view.language} label={`Message ${compareTo.seq} compared with message ${record.seq}`} />
          ) : (
            <CodeView value={text} language={view.language} label={`Value of message ${record.seq}`} />
          )}
        </div>
      )}
    </div>
  )
}
