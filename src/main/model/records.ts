import { DeltaFlag, recordFlags, type MessageRecord } from '../../shared/contract'
import type { ConnectionModel } from './connectionModel'
import type { LoggedMessage } from './messageLog'

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
