// Decoding one stored Sparkplug message as it read when it arrived: the owner of the history (main's model)
// picks the few messages that message depends on, and any side replays them into a fresh state. No state has
// to follow the live stream, so nothing is decoded on ingest.
import { SparkplugState } from './state'
import { parseTopic } from './topic'
import type { SparkplugOutcome } from './types'

/** A stored message as the history hands it over: whole payload and arrival time. */
export interface SparkplugStoredMessage {
  topic: string
  payload: Uint8Array
  receivedAt: number
}

/** What a message's meaning depends on, taken from the history before it. */
export interface SparkplugHistory {
  /**
   * Oldest first: the node's birth in force (and the device's), a death that followed, and the node's previous
   * message, so names, types, online state and the seq check read as they did on arrival.
   */
  before: SparkplugStoredMessage[]
  /** False when history has holes between the node's previous message and this one: its seq is not judged. */
  sequenceKnown: boolean
  /** Whether the node (and the device, for a device topic) is online after everything received so far. */
  now?: { node: boolean; device?: boolean }
}

/** Decodes `message` against the history it depends on; learns nothing beyond this one call. */
export function decodeWithHistory(message: SparkplugStoredMessage, history: SparkplugHistory): SparkplugOutcome {
  const state = new SparkplugState()
  for (const earlier of history.before) state.observe(earlier.topic, earlier.payload, earlier.receivedAt)
  const topic = parseTopic(message.topic)
  if (!history.sequenceKnown && typeof topic !== 'string' && topic.kind === 'edge') state.forgetSequence(topic.groupId, topic.edgeNodeId)
  return state.observe(message.topic, message.payload, message.receivedAt)
}
