import { utf8DecodeStrict } from '../../shared/bytes'
import { base64Of } from './jsonl'
import type { RecordedMessage } from './recordingFile'

/** The CSV export's columns (README, "Recording"). */
export const CSV_COLUMNS = ['received_at', 'epoch_us', 'topic', 'qos', 'retain', 'dup', 'size', 'payload'] as const

/** ISO 8601 in UTC with microseconds: the receive time as recorded, which milliseconds would round. */
export function isoMicros(micros: number): string {
  const iso = new Date(Math.floor(micros / 1000)).toISOString()
  return `${iso.slice(0, -1)}${String(micros % 1000).padStart(3, '0')}Z`
}

/**
 * One message's CSV fields. A payload that is UTF-8 text is written as text, any other as `base64:` and the bytes
 * in base64, as the history's CSV export does.
 */
export function csvMessageRow(message: RecordedMessage): string[] {
  const text = utf8DecodeStrict(message.payload)
  const payload = text ?? `base64:${base64Of(message.payload)}`
  return [isoMicros(message.receivedAtMicros), String(message.receivedAtMicros), message.topic, String(message.qos), String(message.retain), String(message.dup), String(message.payload.byteLength), payload]
}
