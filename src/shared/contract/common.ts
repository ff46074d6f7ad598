import { z } from 'zod'
import { topicFilterProblem, topicNameProblem } from '../topics'

/** Raw bytes cross the contract as Uint8Array (structured clone keeps them; the WebSocket codec too). */
export const bytesSchema = z.instanceof(Uint8Array)

export const qosSchema = z.union([z.literal(0), z.literal(1), z.literal(2)])
export type QoS = z.infer<typeof qosSchema>

export const connectionIdSchema = z.string().min(1).max(200)

/** How the composer shows a payload; kept so a template, history entry or sequence step reopens in the same mode. */
export const payloadFormatSchema = z.enum(['json', 'text', 'hex', 'base64'])
export type PayloadFormat = z.infer<typeof payloadFormatSchema>

export const topicNameSchema = z.string().superRefine((value, ctx) => {
  const problem = topicNameProblem(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})

export const topicFilterSchema = z.string().superRefine((value, ctx) => {
  const problem = topicFilterProblem(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})

const uint32 = z.number().int().min(0).max(0xffff_ffff)

/** MQTT 5 user properties as ordered pairs: the same key may appear more than once. */
export const userPropertiesSchema = z.array(z.tuple([z.string(), z.string()]))

/** MQTT 5 properties a publisher may set (also used for the last will). */
export const publishPropertiesSchema = z.object({
  contentType: z.string().optional(),
  responseTopic: topicNameSchema.optional(),
  correlationData: bytesSchema.optional(),
  userProperties: userPropertiesSchema.optional(),
  messageExpiryInterval: uint32.optional(),
  payloadFormatIndicator: z.boolean().optional()
})
export type PublishProperties = z.infer<typeof publishPropertiesSchema>

/** MQTT 5 properties of a received message, as delivered by the broker. */
export interface MessageProperties extends PublishProperties {
  subscriptionIdentifiers?: number[]
  topicAlias?: number
}

export { uint32 as uint32Schema }
