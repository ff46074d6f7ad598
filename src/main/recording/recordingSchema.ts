// The tables of a recording file and how a message's flags are packed in them (README, Recording).
import type { QoS, ReceivedMessage } from '../../shared/contract'

/** One recorded message as it was received, its receive time in microseconds since the epoch. */
export type RecordedMessage = Omit<ReceivedMessage, 'receivedAt'> & { receivedAtMicros: number }

/** A recorded message handed to the model as the engine hands over a received one (history restored, a recording browsed). */
export function receivedMessageOf(message: RecordedMessage): ReceivedMessage {
  const received: ReceivedMessage = { topic: message.topic, payload: message.payload, qos: message.qos, retain: message.retain, dup: message.dup, receivedAt: message.receivedAtMicros / 1000 }
  if (message.properties) received.properties = message.properties
  return received
}

export const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS topics (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
  CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY,
    topic_id INTEGER NOT NULL REFERENCES topics(id),
    received_us INTEGER NOT NULL,
    flags INTEGER NOT NULL,
    payload BLOB NOT NULL,
    properties BLOB
  );
`

/** The columns of a message as read (SELECT id, topic_id, received_us, flags, payload, properties): arrays, not objects, cost less per row. */
export type MessageRow = [id: number, topicId: number, receivedMicros: number, flags: number, payload: Buffer, properties: Buffer | null]

export const QOS_MASK = 0b11
export const RETAIN = 1 << 2
export const DUP = 1 << 3

export function flagsOf(message: { qos: QoS; retain: boolean; dup: boolean }): number {
  return message.qos | (message.retain ? RETAIN : 0) | (message.dup ? DUP : 0)
}
