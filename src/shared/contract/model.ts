import { z } from 'zod'
import { connectionIdSchema, topicNameSchema, type MessageProperties, type QoS } from './common'
import { defineEvent, defineRequest } from './define'
import type { SparkplugHistory } from '../decoders/sparkplug'
import type { SeriesUpdate } from './series'

// The message model lives in main; the renderer gets coalesced deltas (at most one per frame interval per
// connection) and asks for history, full payloads and searches on demand.
//
// Topic semantics: a topic exists from its first message. An empty message removes the topic (with its
// history and counts) when it carries the retain flag or when the topic holds a retained value: that is
// how a retained value is cleared, and MQTT Explorer users expect the node to disappear. An empty message
// on a topic without a retained value is an ordinary message and is kept.

/** One message as the model keeps it; `payload` is the whole payload or its first `previewBytes` bytes. */
export interface MessageRecord {
  /** Position of the message on its topic: 1 for the first one seen; the latest has seq = messageCount. */
  seq: number
  /** Milliseconds since the epoch, taken when main received it. */
  receivedAt: number
  qos: QoS
  /** The retain flag as delivered (set for retained values sent at subscribe time). */
  retain: boolean
  dup: boolean
  properties?: MessageProperties
  /** Size of the whole payload in bytes, even when `payload` holds less. */
  size: number
  /** Raw payload bytes: all of them, or the first `previewBytes` when `truncated`. */
  payload: Uint8Array
  /** `payload` is only the beginning; fetch the whole message with model:message. */
  truncated: boolean
  /** Larger than `largePayloadBytes`: kept whole in main, but views should ask before showing it all. */
  large: boolean
  /** The byte budget forced the payload out of memory: only size and metadata remain. */
  payloadEvicted: boolean
}

/** A topic with its latest message. */
export interface TopicSnapshot {
  topic: string
  /** Exact number of messages received on this topic, even after history was evicted. */
  messageCount: number
  /** The broker delivered a retained value for this topic and no clear was seen since. */
  retained: boolean
  message: MessageRecord
}

/** Statistics of one connection's stream, sent with every delta. */
export interface ConnectionStats {
  messagesPerSecond: number
  bytesPerSecond: number
  topicCount: number
  /** Messages received since the model was created or cleared. */
  messageCount: number
  /** Bytes the model holds, as counted against the budget (payloads plus fixed per-record costs). */
  storedBytes: number
  budgetBytes: number
  /** History messages dropped by the per-topic limit or the byte budget (counts stay exact). */
  evictedMessages: number
  /** Latest-value payloads dropped because the byte budget could not hold them (their records say so). */
  evictedPayloads: number
  /** Changed topics waiting for the next delta: grows when the receiver is slow, bounded by the topic count. */
  pendingTopics: number
  /** Frame intervals in which no delta was sent because the receiver was still busy. */
  skippedFrames: number
}

/**
 * Index of each number of one changed topic in ModelDelta.numbers; DELTA_STRIDE numbers per topic.
 * `topicId` is the topic's id in main's model, named in `names`/`nameIds` of the first delta since the
 * last reset that mentions it.
 */
export const DeltaField = { messageCount: 0, receivedAt: 1, size: 2, previewLength: 3, flags: 4, topicId: 5 } as const
export const DELTA_STRIDE = 6

/** Bits of the `flags` number of a changed topic in a delta. */
export const DeltaFlag = {
  qosMask: 0b11,
  retain: 1 << 2,
  dup: 1 << 3,
  truncated: 1 << 4,
  large: 1 << 5,
  payloadEvicted: 1 << 6,
  /** The topic holds a retained value (TopicSnapshot.retained). */
  retainedTopic: 1 << 7
} as const

/**
 * Topics that changed since the previous delta of a connection, in columns so that crossing IPC or the
 * WebSocket costs a few large values instead of one object and one byte array per topic. Changed topics
 * are told by id; a topic's name crosses once, in the first delta since the last reset that mentions it
 * (an id freed by a removed topic may be named again for another). Apply `reset`, then `removed`, then
 * `names`, then the changed topics in order (DeltaTopicNames reads them).
 */
export interface ModelDelta {
  connectionId: string
  /** 1 for the first delta of a connection to a receiver, then +1 each time; a gap means deltas were missed: call model:resync. */
  seq: number
  /** Forget everything known about this connection before applying (first delta of a model, model:resync, model:clear). */
  reset: boolean
  /** Topics that no longer exist (retained value cleared, or cleared by model:clearRetained). */
  removed: string[]
  /** Names of topics this delta is the first since the reset to mention; `nameIds` holds their ids. */
  names: string[]
  nameIds: number[]
  /**
   * DELTA_STRIDE numbers per changed topic (see DeltaField and DeltaFlag). A typed array crosses IPC and the
   * WebSocket as one block of bytes; a plain array costs a tagged value per number both ways.
   */
  numbers: Float64Array
  /** Preview bytes of each changed topic's latest payload, back to back (lengths in `numbers`). */
  previews: Uint8Array
  /** MQTT 5 properties of latest messages, as [index of the changed topic, properties], only where present. */
  properties: Array<[number, MessageProperties]>
  stats: ConnectionStats
  /** New points of the series this receiver watches on the connection (model:watchSeries), only when there are some. */
  series?: SeriesUpdate[]
}

/** Progress of a model:clearRetained operation. */
export interface ClearRetainedProgress {
  connectionId: string
  operationId: string
  total: number
  cleared: number
  failed: number
  done: boolean
  cancelled: boolean
  /** The first failure, as a sentence, when some publishes were refused. */
  error?: string
}

/** Settings of every connection's model. */
export interface ModelSettings {
  /** Messages kept per topic, the latest included. */
  historyLimit: number
  /** Memory the model of one connection may use; the oldest history goes first, then payloads. */
  budgetBytes: number
  /** Bytes of payload carried in deltas and history pages; the rest comes with model:message. */
  previewBytes: number
  /** Payloads above this size are marked `large`. */
  largePayloadBytes: number
  /** At most one delta per connection per this many milliseconds. */
  deltaIntervalMs: number
  /** Bounds of one delta (topics, and bytes of previews plus topic names); topics beyond them wait for the next one. */
  maxTopicsPerDelta: number
  maxPreviewBytesPerDelta: number
}

/** How the tree orders a node's children. */
export type ChildSort = 'name' | 'lastUpdate' | 'messageCount'

/** What a search tests: topic names by text, MQTT filter or regex, or payloads by text or regex. */
export const searchKindSchema = z.enum(['topic', 'filter', 'regex', 'payload', 'payloadRegex'])
export type SearchKind = z.infer<typeof searchKindSchema>

/** Over how long top talkers' rates are averaged. */
export const talkerWindowSchema = z.enum(['10s', '1m'])
export type TalkerWindow = z.infer<typeof talkerWindowSchema>
/** What top talkers are ranked by. */
export const talkerOrderSchema = z.enum(['messages', 'bytes'])
export type TalkerOrder = z.infer<typeof talkerOrderSchema>

/** A busy topic or subtree: its message and payload byte rates, averaged over the window asked for. */
export interface TopTalker {
  path: string
  messagesPerSecond: number
  bytesPerSecond: number
  /** Topics at or below the path (1 for a topic). */
  topicCount: number
}

/** The busiest topics and subtrees of a connection. */
export interface TopTalkers {
  /** How long rates have been measured: they start when first asked for, so early answers cover less. */
  measuredMs: number
  topics: TopTalker[]
  subtrees: TopTalker[]
}

/** How a search ended: all topics scanned, enough matches, out of time, or cancelled. */
export type SearchStatus = 'complete' | 'limit' | 'timeout' | 'cancelled'

/** Matches of a running search found since its previous progress event, and how far it got. */
export interface SearchProgress {
  connectionId: string
  searchId: string
  topics: string[]
  /** Topics searched so far, of `total` at or below the search's path. */
  scanned: number
  total: number
}

/** Every match of a search and how it ended. */
export interface SearchOutcome extends SearchProgress {
  status: SearchStatus
}

const connection = { connectionId: connectionIdSchema }
/** A tree node: null is the root, otherwise the levels joined by '/'. */
const nodePathSchema = z.string().max(65_535).nullable()
const operationIdSchema = z.string().min(1).max(200)

export const modelRequests = {
  /** History of one topic, newest first, previews only; `beforeSeq` pages back. */
  'model:history': defineRequest<{ messages: MessageRecord[]; messageCount: number; oldestSeq: number }>()(
    z.object({ ...connection, topic: topicNameSchema, beforeSeq: z.number().int().min(1).optional(), limit: z.number().int().min(1).max(5_000).default(100) })
  ),
  /** One message with its whole payload; not-found when it was evicted. */
  'model:message': defineRequest<MessageRecord>()(z.object({ ...connection, topic: topicNameSchema, seq: z.number().int().min(1) })),
  /** What a stored Sparkplug B message depends on (births, a death, the node's previous message), so a view decodes it as it read on arrival. */
  'model:sparkplug': defineRequest<SparkplugHistory>()(z.object({ ...connection, topic: topicNameSchema, seq: z.number().int().min(1) })),
  /**
   * Topics matching a text, an MQTT filter or a regex, or whose payloads match a text or a regex (whole payloads,
   * optionally every kept message and the decoded text); bounded in time and matches, cancellable by id.
   * Matches stream in model:searchProgress events; the reply holds them all and how the search ended.
   */
  'model:search': defineRequest<SearchOutcome>()(
    z.object({
      ...connection,
      searchId: operationIdSchema,
      kind: searchKindSchema,
      query: z.string().min(1).max(10_000),
      caseSensitive: z.boolean().default(false),
      path: nodePathSchema.default(null),
      history: z.boolean().default(false),
      decoded: z.boolean().default(false),
      limit: z.number().int().min(1).max(100_000).default(1_000),
      timeLimitMs: z.number().int().min(10).max(60_000).default(3_000)
    })
  ),
  /** The busiest topics and subtrees by message or byte rate over the last 10 s or minute (measured while asked for). */
  'model:topTalkers': defineRequest<TopTalkers>()(
    z.object({ ...connection, window: talkerWindowSchema.default('10s'), order: talkerOrderSchema.default('messages'), limit: z.number().int().min(1).max(100).default(10) })
  ),
  /** Stops a running search; it replies with what it found so far. */
  'model:cancelSearch': defineRequest<{ cancelled: boolean }>()(z.object({ searchId: operationIdSchema })),
  /** Clears one retained topic (`subtree` false) or every retained topic at or below a node, with progress events. */
  'model:clearRetained': defineRequest<ClearRetainedProgress>()(
    z.object({ ...connection, operationId: operationIdSchema, path: nodePathSchema, subtree: z.boolean().default(false) })
  ),
  /** Stops a running clear; publishes already sent still complete. */
  'model:cancelClearRetained': defineRequest<{ cancelled: boolean }>()(z.object({ operationId: operationIdSchema })),
  /**
   * The caller (a window or a page's socket) starts receiving deltas, or starts over after a reload: the next
   * delta of every connection to it has `reset` set. Replies with how many connections it streams.
   */
  'model:openStream': defineRequest<{ connections: number }>()(z.object({})),
  /** The caller applied these deltas; each caller's stream waits when it leaves a few deltas unconfirmed. */
  'model:ack': defineRequest<{ acknowledged: number }>()(
    z.object({ acks: z.array(z.object({ ...connection, seq: z.number().int().min(1) })).max(10_000) })
  ),
  /** Sends the whole model again to the caller alone: its next delta has `reset` set (use after a gap in `seq`). */
  'model:resync': defineRequest<{ topicCount: number }>()(z.object(connection)),
  /** Forgets every message of a connection and frees its memory; a last delta with `reset` empties the renderer's copy. */
  'model:clear': defineRequest<{ cleared: number }>()(z.object(connection))
} as const

export const modelEvents = {
  /** Topics changed since the previous delta of a connection. */
  'model:delta': defineEvent<ModelDelta>(),
  /** Progress of a clear-retained operation (throttled, and once when done). */
  'model:clearProgress': defineEvent<ClearRetainedProgress>(),
  /** Matches of a running model:search found since its previous progress event (throttled; the reply ends it). */
  'model:searchProgress': defineEvent<SearchProgress>()
} as const
