import { UserFacingError, type MessageRecord } from '../../shared/contract'
import type { ConnectionModel } from './connectionModel'
import { NONE } from './messageLog'
import { loggedRecord } from './records'
import type { TopicEntry } from './topicEntry'

function entryOrThrow(model: ConnectionModel, topic: string): TopicEntry {
  const entry = model.topics.get(topic)
  if (!entry) throw new UserFacingError('not-found', `The topic "${topic}" has no messages (it may have been cleared).`)
  return entry
}

/** A topic's messages, newest first, starting below `beforeSeq`; previews of `previewBytes`. */
export function history(model: ConnectionModel, topic: string, beforeSeq: number | undefined, limit: number, previewBytes: number): { messages: MessageRecord[]; messageCount: number; oldestSeq: number } {
  const entry = entryOrThrow(model, topic)
  const before = beforeSeq ?? Number.POSITIVE_INFINITY
  const messages: MessageRecord[] = []
  for (let seq = entry.newest; seq !== NONE && messages.length < limit; seq = model.log.olderThan(seq)) {
    const logged = model.log.read(seq)
    if (logged && logged.topicSeq < before) messages.push(loggedRecord(model, seq, logged, previewBytes))
  }
  const oldest = model.log.read(entry.oldest)
  return { messages, messageCount: entry.count, oldestSeq: oldest?.topicSeq ?? entry.count }
}

/** One message of a topic with its whole payload. */
export function message(model: ConnectionModel, topic: string, seq: number): MessageRecord {
  const entry = entryOrThrow(model, topic)
  for (let at = entry.newest; at !== NONE; at = model.log.olderThan(at)) {
    const logged = model.log.read(at)
    if (logged?.topicSeq === seq) return loggedRecord(model, at, logged, Number.POSITIVE_INFINITY)
    if (!logged || logged.topicSeq < seq) break
  }
  throw new UserFacingError('not-found', `Message ${seq} of "${topic}" is no longer kept (older history is dropped by the history limit or the memory budget).`)
}
