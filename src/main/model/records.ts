import { DeltaFlag, recordFlags, type MessageRecord, type TopicSnapshot } from '../../shared/contract'
import type { ConnectionModel } from './connectionModel'
import type { LoggedMessage } from './messageLog'
import type { TopicEntry } from './topicEntry'

/** A logged message with at most `limit` payload bytes (a copy). */
export function loggedRecord(model: ConnectionModel, seq: number, logged: LoggedMessage, limit: number): MessageRecord {
  const { size, flags } = logged
  const result: MessageRecord = {
    seq: logged.topicSeq,
    receivedAt: logged.receivedAt,
    ...recordFlags(flags),
    size,
    payload: model.log.payload(seq, limit),
    truncated: (flags & DeltaFlag.payloadEvicted) === 0 && size > limit
  }
  if (logged.properties) result.properties = logged.properties
  return result
}

/** The latest message of a topic with at most `limit` payload bytes (a copy). */
export function latestRecord(model: ConnectionModel, entry: TopicEntry, limit: number): MessageRecord {
  const logged = model.log.read(entry.newest)
  if (!logged) throw new Error(`The latest message of "${entry.topic}" is missing from the log.`)
  return loggedRecord(model, entry.newest, logged, limit)
}

/** A topic with its latest message as a preview. */
export function snapshot(model: ConnectionModel, entry: TopicEntry, previewBytes: number): TopicSnapshot {
  return { topic: entry.topic, messageCount: entry.count, retained: entry.retained, message: latestRecord(model, entry, previewBytes) }
}
