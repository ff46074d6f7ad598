import type { QoS } from './common'
import { DeltaFlag, type MessageRecord } from './model'

/** The fields of a MessageRecord that its DeltaFlag bits carry; main's log and the renderer's deltas read them alike. */
export type FlagFields = Pick<MessageRecord, 'qos' | 'retain' | 'dup' | 'large' | 'payloadEvicted'>

/** Decodes the DeltaFlag bits of a record (all but `truncated`, which depends on how much payload is sent). */
export function recordFlags(flags: number): FlagFields {
  return {
    qos: (flags & DeltaFlag.qosMask) as QoS,
    retain: (flags & DeltaFlag.retain) !== 0,
    dup: (flags & DeltaFlag.dup) !== 0,
    large: (flags & DeltaFlag.large) !== 0,
    payloadEvicted: (flags & DeltaFlag.payloadEvicted) !== 0
  }
}
