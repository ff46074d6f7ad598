import { z } from 'zod'
import { bytesSchema, connectionIdSchema, publishPropertiesSchema, qosSchema, topicNameSchema, type MessageProperties } from './common'
import { defineRequest } from './define'
import { profileIdSchema } from './profiles'

/** The reply to an MQTT 5 request, paired with it by correlation data. */
export interface RequestReply {
  /** The response topic the request named (the one given, or the one main chose). */
  responseTopic: string
  /** The correlation data the request carried (the one given, or the one main generated). */
  correlationData: Uint8Array
  reply: { topic: string; payload: Uint8Array; properties?: MessageProperties; receivedAt: number }
  /** From the broker's acknowledgement of the request (or its write, at QoS 0) to the reply. */
  roundTripMs: number
}

/** Newest requests kept per profile. */
export const REQUEST_HISTORY_LIMIT = 200
/** Bytes of one request or reply payload kept in the history; the rest is cut off and the entry says so. */
export const REQUEST_HISTORY_PAYLOAD_BYTES = 64 * 1024
/** Bytes of payloads kept per profile in all (the newest entry is always kept), so a save stays quick. */
export const REQUEST_HISTORY_BYTES_LIMIT = 1024 * 1024

const receivedPropertiesSchema = publishPropertiesSchema.extend({
  subscriptionIdentifiers: z.array(z.number()).optional(),
  topicAlias: z.number().optional()
})

/** How a request ended: its reply, no reply within the timeout, or refused before or while it was sent. */
export const requestOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('reply'),
    topic: z.string(),
    payload: bytesSchema,
    /** The payload was longer than REQUEST_HISTORY_PAYLOAD_BYTES and is cut off. */
    payloadCut: z.boolean(),
    properties: receivedPropertiesSchema.optional(),
    receivedAt: z.number(),
    roundTripMs: z.number()
  }),
  z.object({ kind: z.literal('timeout'), timeoutMs: z.number() }),
  z.object({ kind: z.literal('refused'), message: z.string() })
])
export type RequestOutcome = z.infer<typeof requestOutcomeSchema>

/** One request of a profile's history, as kept on disk. */
export const requestHistoryEntrySchema = z.object({
  id: z.string().min(1),
  /** Epoch ms when it was sent. */
  sentAt: z.number(),
  topic: z.string(),
  payload: bytesSchema,
  payloadCut: z.boolean(),
  qos: qosSchema,
  /** The correlation data as hex (it is bytes, often not text). */
  correlationData: z.string(),
  responseTopic: z.string(),
  outcome: requestOutcomeSchema
})
export type RequestHistoryEntry = z.infer<typeof requestHistoryEntrySchema>

const byProfileSchema = z.object({ profileId: profileIdSchema })

export const requestReplyRequests = {
  /**
   * Publishes a request with a response topic and correlation data (given, or chosen here), subscribing to the
   * response topic first when no subscription covers it, and resolves with the reply that carries the same
   * correlation data; a sentence when none comes within `timeoutMs`. MQTT 5 connections only. The request and
   * how it ended go into the history of the connection's profile.
   */
  'request:send': defineRequest<RequestReply>()(
    z.object({
      connectionId: connectionIdSchema,
      topic: topicNameSchema,
      payload: bytesSchema,
      qos: qosSchema.default(1),
      retain: z.boolean().default(false),
      properties: publishPropertiesSchema.optional(),
      timeoutMs: z.number().int().min(100).max(300_000).default(10_000)
    })
  ),
  /** A profile's requests with their replies, timeouts or refusals, newest first. */
  'request:history': defineRequest<{ entries: RequestHistoryEntry[] }>()(byProfileSchema),
  'request:clearHistory': defineRequest<{ entries: RequestHistoryEntry[] }>()(byProfileSchema)
} as const
