import { DELTA_STRIDE, DeltaFlag, type ConnectionStats, type ModelDelta } from '@shared/contract'

/** One topic change to put in a test delta. */
export interface TestChange {
  topic: string
  payload: string | Uint8Array
  messageCount?: number
  receivedAt?: number
  retained?: boolean
  qos?: 0 | 1 | 2
}

/** Quiet-stream statistics for test deltas. */
export const testStats: ConnectionStats = {
  messagesPerSecond: 0,
  bytesPerSecond: 0,
  topicCount: 0,
  messageCount: 0,
  storedBytes: 0,
  budgetBytes: 1 << 30,
  evictedMessages: 0,
  evictedPayloads: 0,
  pendingTopics: 0,
  skippedFrames: 0
}

/**
 * Builds a delta in the contract's column layout. Every changed topic is named in it, under its index as
 * id: a receiver takes a name given again, so deltas built alone need not agree on ids.
 */
export function testDelta(connectionId: string, seq: number, changes: TestChange[], removed: string[] = [], reset = false): ModelDelta {
  const encoder = new TextEncoder()
  const payloads = changes.map((c) => (typeof c.payload === 'string' ? encoder.encode(c.payload) : c.payload))
  const previews = new Uint8Array(payloads.reduce((sum, p) => sum + p.length, 0))
  const numbers: number[] = []
  let offset = 0
  changes.forEach((change, i) => {
    const payload = payloads[i] as Uint8Array
    previews.set(payload, offset)
    offset += payload.length
    const flags = (change.qos ?? 0) | (change.retained ? DeltaFlag.retain | DeltaFlag.retainedTopic : 0)
    numbers.push(change.messageCount ?? 1, change.receivedAt ?? 1_000, payload.length, payload.length, flags, i)
  })
  if (numbers.length !== changes.length * DELTA_STRIDE) throw new Error('stride mismatch')
  const names = changes.map((c) => c.topic)
  const nameIds = changes.map((_, i) => i)
  return { connectionId, seq, reset, removed, names, nameIds, numbers: Float64Array.from(numbers), previews, properties: [], stats: testStats }
}
