import type { MessageRecord } from '@shared/contract'

/** A history record as main's model would return it. */
export function testRecord(seq: number, payload: string | Uint8Array, extra: Partial<MessageRecord> = {}): MessageRecord {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload
  return { seq, receivedAt: 1_700_000_000_000 + seq * 1000, qos: 0, retain: false, dup: false, size: bytes.length, payload: bytes, truncated: false, large: false, payloadEvicted: false, ...extra }
}
