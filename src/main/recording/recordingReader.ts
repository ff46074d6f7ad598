// Reading a recording's messages back: in batches of raw rows, and past a damaged page row by row up to the damage.
import type Database from 'better-sqlite3'
import { decode } from '@msgpack/msgpack'
import type { MessageProperties, QoS } from '../../shared/contract'
import { DUP, QOS_MASK, RETAIN, type MessageRow, type RecordedMessage } from './recordingSchema'

/** A message row's columns, in MessageRow's order. */
const COLUMNS = 'id, topic_id, received_us, flags, payload, properties'
/** Rows read per statement. */
const READ_BATCH = 2_000

/** Where reading got to, and what it found damaged (kept on the file being read). */
export interface ReadProgress {
  lastReadId: number
  damage: string | null
}

/**
 * The messages after row `afterId` received at or before `untilMicros`, in the order received. Read in batches of
 * rows (a recording may not fit in memory, and one statement per batch reads several times faster than stepping a
 * statement row by row); a batch that hits a damaged page is read again row by row to give every message before it.
 */
export function* readMessages(db: Database.Database, names: ReadonlyMap<number, string>, range: { afterId?: number; untilMicros?: number }, progress: ReadProgress): IterableIterator<RecordedMessage> {
  const until = range.untilMicros ?? Number.MAX_SAFE_INTEGER
  const batch = db.prepare(`SELECT ${COLUMNS} FROM messages WHERE id > ? AND received_us <= ? ORDER BY id LIMIT ?`).raw(true)
  let read = 0
  let after = range.afterId ?? 0
  for (;;) {
    let rows: MessageRow[]
    try {
      rows = batch.all(after, until, READ_BATCH) as MessageRow[]
    } catch {
      yield* rowByRow(db, names, after, until, read, progress)
      return
    }
    if (rows.length === 0) return
    for (const row of rows) {
      read++
      progress.lastReadId = row[0]
      yield toMessage(row, names)
    }
    after = progress.lastReadId
  }
}

/** The messages after row `after` one at a time, until the first that cannot be read (then `damage` says so). */
function* rowByRow(db: Database.Database, names: ReadonlyMap<number, string>, after: number, until: number, readBefore: number, progress: ReadProgress): IterableIterator<RecordedMessage> {
  let read = readBefore
  try {
    const rows = db.prepare(`SELECT ${COLUMNS} FROM messages WHERE id > ? AND received_us <= ? ORDER BY id`).raw(true).iterate(after, until) as IterableIterator<MessageRow>
    for (const row of rows) {
      read++
      progress.lastReadId = row[0]
      yield toMessage(row, names)
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    const before = progress.damage ? `${progress.damage} ` : ''
    progress.damage = `${before}Reading stopped after message ${read} (${detail}); the messages before it are shown.`
  }
}

function toMessage([, topicId, receivedMicros, flags, payload, properties]: MessageRow, names: ReadonlyMap<number, string>): RecordedMessage {
  const message: RecordedMessage = {
    topic: names.get(topicId) ?? '',
    payload: new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength),
    qos: (flags & QOS_MASK) as QoS,
    retain: (flags & RETAIN) !== 0,
    dup: (flags & DUP) !== 0,
    receivedAtMicros: receivedMicros
  }
  if (properties) message.properties = decode(properties) as MessageProperties
  return message
}
