import { DeltaFlag, type MessageRecord, type QoS, type TopicSnapshot } from '../../shared/contract'
import { copyBytes } from './bytes'
import type { LoggedMessage } from './historyLog'
import type { ConnectionModel } from './connectionModel'
import type { TopicEntry } from './topicEntry'

function record(seq: number, receivedAt: number, size: number, flags: number, payload: Uint8Array, limit: number): MessageRecord {
  return {
    seq,
    receivedAt,
    qos: (flags & DeltaFlag.qosMask) as QoS,
    retain: (flags & DeltaFlag.retain) !== 0,
    dup: (flags & DeltaFlag.dup) !== 0,
    size,
    payload,
    truncated: (flags & DeltaFlag.payloadEvicted) === 0 && size > limit,
    large: (flags & DeltaFlag.large) !== 0,
    payloadEvicted: (flags & DeltaFlag.payloadEvicted) !== 0
  }
}

/** The latest message of a topic with at most `limit` payload bytes (a copy). */
export function latestRecord(entry: TopicEntry, limit: number): MessageRecord {
  const evicted = (entry.latestFlags & DeltaFlag.payloadEvicted) !== 0
  const length = evicted ? 0 : Math.min(limit, entry.latestSize)
  const payload = entry.latest ? copyBytes(entry.latest, length) : new Uint8Array(0)
  const result = record(entry.count, entry.latestAt, entry.latestSize, entry.latestFlags, payload, limit)
  if (entry.latestProperties) result.properties = entry.latestProperties
  return result
}

/** A history record with at most `limit` payload bytes (a copy). */
export function loggedRecord(model: ConnectionModel, seq: number, logged: LoggedMessage, limit: number): MessageRecord {
  const result = record(logged.topicSeq, logged.receivedAt, logged.size, logged.flags, model.log.payload(seq, limit), limit)
  if (logged.properties) result.properties = logged.properties
  return result
}

/** A topic with its latest message as a preview. */
export function snapshot(entry: TopicEntry, previewBytes: number): TopicSnapshot {
  return { topic: entry.topic, messageCount: entry.count, retained: entry.retained, message: latestRecord(entry, previewBytes) }
}
