import { z } from 'zod'
import { bytesSchema, connectionIdSchema, publishPropertiesSchema, qosSchema, topicNameSchema, type MessageProperties } from './common'
import { defineRequest } from './define'

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

export const requestReplyRequests = {
  /**
   * Publishes a request with a response topic and correlation data (given, or chosen here), subscribing to the
   * response topic first when no subscription covers it, and resolves with the reply that carries the same
   * correlation data; a sentence when none comes within `timeoutMs`. MQTT 5 connections only.
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
  )
} as const
