import type { MessageRecord } from '@shared/contract'
import { toBase64, utf8DecodeStrict } from '../../lib/bytes'
import { csvText } from '../../lib/csv'
import type { DecodedCell } from './historyDecoded'

/**
 * A topic's loaded history as CSV (RFC 4180), oldest first. Text payloads are written as text, binary
 * ones as `base64:` followed by the bytes in base64; `truncated` says when only the beginning was loaded.
 * `decoder` and `decoded` give what a decoder read in payloads that are not plain text (see decodedCells).
 */
export function historyToCsv(topic: string, messages: readonly MessageRecord[], decoded: ReadonlyMap<number, DecodedCell> = new Map()): string {
  const rows = [['topic', 'seq', 'received_at', 'qos', 'retain', 'dup', 'size', 'truncated', 'payload', 'decoder', 'decoded']]
  for (const m of [...messages].sort((a, b) => a.seq - b.seq)) {
    const text = m.payloadEvicted ? '' : utf8DecodeStrict(m.payload)
    const payload = m.payloadEvicted ? '' : text ?? `base64:${toBase64(m.payload)}`
    rows.push([topic, String(m.seq), new Date(m.receivedAt).toISOString(), String(m.qos), String(m.retain), String(m.dup), String(m.size), String(m.truncated || m.payloadEvicted), payload, decoded.get(m.seq)?.decoder ?? '', decoded.get(m.seq)?.text ?? ''])
  }
  return csvText(rows)
}
