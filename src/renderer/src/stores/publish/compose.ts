import { askedNames, expandVariables, hasVariables, type VariableContext } from '@shared/templates/variables'
import { topicNameProblem } from '@shared/topics'
import type { PayloadFormat, PublishDraftInput, PublishProperties, PublishResult, QoS, RequestReply } from '@shared/contract'
import { utf8Decode, utf8Encode, type Bytes } from '../../lib/bytes'
import { encodePayload, renderPayload } from '../../lib/payloadView'
import { publishPacketBytes } from './packetSize'

/** The composer's form: what the user typed, before it is turned into a message. */
export interface ComposerDraft {
  topic: string
  /** The user typed a topic, so selecting another one in the tree no longer replaces it. */
  topicTouched: boolean
  text: string
  format: PayloadFormat
  qos: QoS
  retain: boolean
  contentType: string
  responseTopic: string
  correlationData: string
  userProperties: [string, string][]
  messageExpiry: string
  /** Values typed for the {{ask name}} variables of the topic and payload, by name. */
  answers: Record<string, string>
  /** MQTT 5: send as a request and wait for the reply that carries its correlation data. */
  awaitReply: boolean
  /** Seconds to wait for that reply, as typed. */
  replyTimeout: string
}

export const emptyComposerDraft: ComposerDraft = {
  topic: '',
  topicTouched: false,
  text: '',
  format: 'json',
  qos: 0,
  retain: false,
  contentType: '',
  responseTopic: '',
  correlationData: '',
  userProperties: [],
  messageExpiry: '',
  answers: {},
  awaitReply: false,
  replyTimeout: '10'
}

/** Problem sentences by composer field. */
export type ComposerProblems = Partial<Record<'topic' | 'payload' | 'responseTopic' | 'messageExpiry' | 'userProperties' | 'replyTimeout', string>>

/** The reply timeout typed in seconds, in ms (what request:send accepts: 0.1 to 300 s), or a sentence. */
export function replyTimeoutMs(typed: string): number | { error: string } {
  const seconds = Number(typed.trim())
  if (typed.trim() === '' || !Number.isFinite(seconds) || seconds < 0.1 || seconds > 300) return { error: 'The reply timeout must be a number of seconds from 0.1 to 300.' }
  return Math.round(seconds * 1000)
}

/** A message ready for connection:publish and for publish history. */
export interface ComposedMessage {
  topic: string
  payload: Bytes
  payloadFormat: PayloadFormat
  qos: QoS
  retain: boolean
  properties?: PublishProperties
}

function composeProperties(draft: ComposerDraft, problems: ComposerProblems): PublishProperties | undefined {
  const properties: PublishProperties = {}
  if (draft.contentType.trim()) properties.contentType = draft.contentType.trim()
  if (draft.responseTopic.trim()) {
    const problem = topicNameProblem(draft.responseTopic.trim())
    if (problem) problems.responseTopic = problem.replace('The topic', 'The response topic')
    else properties.responseTopic = draft.responseTopic.trim()
  }
  if (draft.correlationData) properties.correlationData = utf8Encode(draft.correlationData)
  if (draft.messageExpiry.trim()) {
    const seconds = Number(draft.messageExpiry)
    if (!/^\d+$/.test(draft.messageExpiry.trim()) || seconds > 0xffff_ffff) {
      problems.messageExpiry = 'Message expiry must be a whole number of seconds (0 to 4294967295), or empty.'
    } else properties.messageExpiryInterval = seconds
  }
  const pairs = draft.userProperties.filter(([key, value]) => key !== '' || value !== '')
  if (pairs.some(([key]) => key.trim() === '')) problems.userProperties = 'Each user property needs a name; remove the empty ones.'
  else if (pairs.length > 0) properties.userProperties = pairs
  return Object.keys(properties).length > 0 ? properties : undefined
}

/** The variables' values for one send: now, the next counter, fresh random numbers and ids, and the typed answers. */
export function variablesFor(draft: ComposerDraft, counter: number): VariableContext {
  return { now: new Date(), counter, random: Math.random, uuid: () => crypto.randomUUID(), answers: draft.answers }
}

/**
 * Validates the draft with its {{variables}} filled in from `variables` (by default as a first send would); MQTT 5 properties are only sent on
 * MQTT 5 connections. `maximumPacketSize` is the broker's limit from its CONNACK, when it announced one.
 * Variables are filled in text and JSON payloads only (hex and base64 spell bytes).
 */
export function composeMessage(draft: ComposerDraft, mqtt5: boolean, maximumPacketSize?: number, variables: VariableContext = variablesFor(draft, 1)): { message: ComposedMessage | null; problems: ComposerProblems } {
  const problems: ComposerProblems = {}
  const topic = hasVariables(draft.topic) ? expandVariables(draft.topic, variables) : { text: draft.topic }
  const topicProblem = 'error' in topic ? topic.error : topicNameProblem(topic.text)
  if (topicProblem) problems.topic = topicProblem
  const expandable = (draft.format === 'text' || draft.format === 'json') && hasVariables(draft.text)
  const text = expandable ? expandVariables(draft.text, variables) : { text: draft.text }
  const encoded = 'error' in text ? text : encodePayload(text.text, draft.format)
  if ('error' in encoded) problems.payload = encoded.error
  const properties = mqtt5 ? composeProperties(draft, problems) : undefined
  const timeout = mqtt5 && draft.awaitReply ? replyTimeoutMs(draft.replyTimeout) : 0
  if (typeof timeout !== 'number') problems.replyTimeout = timeout.error
  const topicText = 'error' in topic ? draft.topic : topic.text
  if (maximumPacketSize !== undefined && !('error' in encoded)) {
    const bytes = publishPacketBytes(topicText, encoded.bytes.byteLength, draft.qos, properties, mqtt5)
    if (bytes > maximumPacketSize) {
      problems.payload = `This message is ${bytes} bytes as an MQTT packet; the broker accepts at most ${maximumPacketSize} (Maximum Packet Size in its CONNACK). Make the payload smaller.`
    }
  }
  if (Object.keys(problems).length > 0 || 'error' in encoded) return { message: null, problems }
  return {
    message: { topic: topicText, payload: encoded.bytes, payloadFormat: draft.format, qos: draft.qos, retain: draft.retain, ...(properties ? { properties } : {}) },
    problems
  }
}

/** The draft as a template: checked with its variables filled in, kept with them as typed (so each send fills them anew). */
export function composeTemplate(draft: ComposerDraft, mqtt5: boolean): { message: ComposedMessage | null; problems: ComposerProblems } {
  // Asked values are only known at send time: a stand-in checks that the rest reads right.
  const answers = Object.fromEntries(askedNames(draft.topic, draft.text).map((name) => [name, draft.answers[name] || '1']))
  const { message, problems } = composeMessage(draft, mqtt5, undefined, variablesFor({ ...draft, answers }, 1))
  if (!message) return { message, problems }
  const raw = (draft.format === 'text' || draft.format === 'json') && hasVariables(draft.text) ? utf8Encode(draft.text) : message.payload
  return { message: { ...message, topic: draft.topic, payload: raw }, problems }
}

/** The composer's form for a saved history entry or template. */
export function draftFromSaved(saved: PublishDraftInput): ComposerDraft {
  const format = saved.payloadFormat ?? 'text'
  const p = saved.properties
  return {
    ...emptyComposerDraft,
    topic: saved.topic,
    topicTouched: true,
    // JSON reopens exactly as it was typed (the bytes sent), not re-indented.
    text: format === 'json' ? utf8Decode(saved.payload) : renderPayload(saved.payload, format),
    format,
    qos: saved.qos ?? 0,
    retain: saved.retain ?? false,
    contentType: p?.contentType ?? '',
    responseTopic: p?.responseTopic ?? '',
    correlationData: p?.correlationData ? utf8Decode(p.correlationData) : '',
    userProperties: p?.userProperties?.map(([k, v]) => [k, v] as [string, string]) ?? [],
    messageExpiry: p?.messageExpiryInterval === undefined ? '' : String(p.messageExpiryInterval),
    answers: {},
    awaitReply: false
  }
}

/** A reply to a request in one line: how long it took, where it came, and the start of its payload. */
export function describeReply(reply: RequestReply): string {
  const text = utf8Decode(reply.reply.payload)
  const shown = text.length > 200 ? `${text.slice(0, 199)}…` : text
  return `Reply after ${reply.roundTripMs.toLocaleString('en-US')} ms on "${reply.reply.topic}": ${shown || '(empty payload)'}`
}

/** What the broker's answer means, as a sentence (v5 reason codes below 0x80 are successes). */
export function describePublishResult(qos: QoS, result: PublishResult, mqtt5: boolean): string {
  if (qos === 0) return 'Sent. QoS 0 has no acknowledgement from the broker.'
  // Before MQTT 5 a broker acknowledges a publish its access rules drop exactly like one it delivers.
  const caveat = mqtt5 ? '' : " MQTT 3.1.1 cannot tell whether the broker's access rules dropped it."
  if (result.downgradedTo !== undefined) return `Acknowledged as QoS ${result.downgradedTo}: this broker does not support QoS ${qos}.${caveat}`
  if (result.reasonCode === 0x10) return `Acknowledged by the broker (QoS ${qos}): no subscriber matched the topic (reason 0x10).`
  return `Acknowledged by the broker (QoS ${qos}${result.reasonCode ? `, reason 0x${result.reasonCode.toString(16)}` : ''}).${caveat}`
}
