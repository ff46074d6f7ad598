import { randomUUID } from 'node:crypto'
import { fromBase64, fromHex, utf8Encode } from '../../shared/bytes'
import { UserFacingError, type PayloadFormat, type PublishMessage, type QoS } from '../../shared/contract'
import { askedNames, expandVariables, type VariableContext } from '../../shared/templates/variables'
import { topicNameProblem } from '../../shared/topics'

/** A message with {{variables}} as typed, published many times by a simulation or a sequence. */
export interface MessageTemplate {
  topic: string
  payload: string
  qos: QoS
  retain: boolean
  /** Text and JSON (the default) are filled in and sent as UTF-8; hex and base64 spell bytes and are sent as those. */
  format?: PayloadFormat | undefined
}

function variables(counter: number): VariableContext {
  return { now: new Date(), counter, random: Math.random, uuid: randomUUID, answers: {} }
}

/** The message to send as the `counter`th one, its variables filled in anew; or why it cannot be, as a sentence. */
export function renderTemplate(template: MessageTemplate, counter: number): { message: PublishMessage } | { error: string } {
  const context = variables(counter)
  const topic = expandVariables(template.topic, context)
  if ('error' in topic) return topic
  const topicProblem = topicNameProblem(topic.text)
  if (topicProblem) return { error: topicProblem }
  const payload = payloadBytes(template, context)
  if ('error' in payload) return payload
  return { message: { topic: topic.text, payload: payload.bytes, qos: template.qos, retain: template.retain } }
}

function payloadBytes(template: MessageTemplate, context: VariableContext): { bytes: Uint8Array } | { error: string } {
  if (template.format === 'hex') return fromHex(template.payload)
  if (template.format === 'base64') return fromBase64(template.payload)
  const text = expandVariables(template.payload, context)
  return 'error' in text ? text : { bytes: utf8Encode(text.text) }
}

/**
 * The template checked once, before anything is sent (`runner` names what sends it, "a simulation"): every
 * {{variable}} must be one it can fill, and a sample message must come out.
 */
export function templateProblem(template: MessageTemplate, runner: string): string | null {
  const asked = askedNames(template.topic, template.format === 'hex' || template.format === 'base64' ? '' : template.payload)
  if (asked.length > 0) return `{{ask ${asked[0]}}} has no one to answer it in ${runner}: write the value into the template.`
  const sample = renderTemplate(template, 1)
  return 'error' in sample ? sample.error : null
}

/** A failed publish as a sentence, and whether the connection is gone (nothing more can be sent on it). */
export function publishFailure(error: unknown): { sentence: string; connectionGone: boolean } {
  return {
    sentence: error instanceof Error ? error.message : String(error),
    connectionGone: error instanceof UserFacingError && (error.code === 'not-connected' || error.code === 'cancelled')
  }
}
