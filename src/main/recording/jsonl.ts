import { z } from 'zod'
import { UserFacingError, topicNameSchema, uint32Schema, userPropertiesSchema, type MessageProperties, type QoS } from '../../shared/contract'
import { describeIssue } from '../profiles/profileTransfer'
import type { RecordedMessage, RecordingMeta } from './recordingFile'

// The JSON Lines form of a recording (README, "Recording"): a header line, then one message a line. Payloads and
// correlation data are base64 under keys that say so; every other property keeps its JSON type.

export const JSONL_FORMAT = 'brokerscope-recording'
/** The JSON Lines version this app writes; a file of a newer one is refused. */
export const JSONL_VERSION = 1

/** What the header line holds: the recording's description without the SQLite file's own format number. */
export type JsonlHeader = Omit<RecordingMeta, 'format'>

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** Standard base64 with padding, through Buffer (no copy of the bytes). */
export function base64Of(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}

const base64Schema = z
  .string()
  .refine((text) => BASE64.test(text) && text.length % 4 === 0, { message: 'It is not base64 (RFC 4648, with padding).' })
  .transform((text) => {
    const buffer = Buffer.from(text, 'base64')
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
  })

const headerSchema = z.object({
  format: z.literal(JSONL_FORMAT),
  version: z.number().int().min(1),
  name: z.string().min(1),
  connectionId: z.string(),
  startedAt: z.number(),
  stoppedAt: z.number().nullable(),
  filters: z.array(z.string()),
  profile: z.unknown().optional(),
  received: z.number().int().min(0),
  written: z.number().int().min(0),
  notWritten: z.number().int().min(0),
  notWrittenReason: z.string().nullable().optional()
})

const propertiesSchema = z.object({
  contentType: z.string().optional(),
  responseTopic: z.string().optional(),
  correlationDataBase64: base64Schema.optional(),
  userProperties: userPropertiesSchema.optional(),
  messageExpiryInterval: uint32Schema.optional(),
  payloadFormatIndicator: z.boolean().optional(),
  subscriptionIdentifiers: z.array(z.number().int().min(1)).optional(),
  topicAlias: z.number().int().min(1).optional()
})

const messageSchema = z.object({
  t: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  topic: topicNameSchema,
  payload: base64Schema,
  qos: z.number().refine((qos): qos is QoS => qos === 0 || qos === 1 || qos === 2, { message: 'It must be 0, 1 or 2.' }),
  retain: z.boolean(),
  dup: z.boolean(),
  properties: propertiesSchema.optional()
})

/** The header line (no line end). */
export function jsonlHeader(meta: RecordingMeta): string {
  const { name, connectionId, startedAt, stoppedAt, filters, profile, received, written, notWritten, notWrittenReason } = meta
  return JSON.stringify({ format: JSONL_FORMAT, version: JSONL_VERSION, name, connectionId, startedAt, stoppedAt, filters, profile, received, written, notWritten, notWrittenReason })
}

/** One message's line (no line end). */
export function jsonlMessage(message: RecordedMessage): string {
  const line: Record<string, unknown> = {
    t: message.receivedAtMicros,
    topic: message.topic,
    payload: base64Of(message.payload),
    qos: message.qos,
    retain: message.retain,
    dup: message.dup
  }
  const p = message.properties
  if (p) {
    // A fixed key order, so exporting an imported recording gives the same file again.
    line['properties'] = {
      contentType: p.contentType,
      responseTopic: p.responseTopic,
      correlationDataBase64: p.correlationData && base64Of(p.correlationData),
      userProperties: p.userProperties,
      messageExpiryInterval: p.messageExpiryInterval,
      payloadFormatIndicator: p.payloadFormatIndicator,
      subscriptionIdentifiers: p.subscriptionIdentifiers,
      topicAlias: p.topicAlias
    }
  }
  return JSON.stringify(line)
}

/** What is wrong with a field, as the end of a sentence ("the field "qos" is not valid: it must be 0, 1 or 2."). */
function problemOf(issue: z.core.$ZodIssue | undefined): string {
  if (!issue || issue.code === 'invalid_type' || issue.path.length === 0) return describeIssue(issue)
  const message = issue.message.endsWith('.') ? issue.message : `${issue.message}.`
  return `the field "${issue.path.join('.')}" is not valid: ${message.charAt(0).toLowerCase()}${message.slice(1)}`
}

function bad(lineNumber: number, what: string): UserFacingError {
  return new UserFacingError('invalid-argument', `Line ${lineNumber} ${what} Nothing was imported; fix or remove that line and import the file again.`)
}

function parseJson(text: string, lineNumber: number): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw bad(lineNumber, 'is not JSON.')
  }
}

/** Reads the header line; a file of a newer version, or one that is not a recording, is refused with a sentence. */
export function parseJsonlHeader(text: string): JsonlHeader {
  const value = parseJson(text, 1)
  const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  if (record['format'] !== JSONL_FORMAT) {
    throw new UserFacingError('invalid-argument', `Line 1 does not start a Brokerscope recording (it needs "format": "${JSONL_FORMAT}"). Choose a JSON Lines file exported from a recording.`)
  }
  if (typeof record['version'] === 'number' && record['version'] > JSONL_VERSION) {
    throw new UserFacingError('unsupported', `This recording was exported by a newer version of Brokerscope (JSON Lines version ${record['version']}). Update the app to import it.`)
  }
  const parsed = headerSchema.safeParse(value)
  if (!parsed.success) throw bad(1, `is not a valid recording header: ${problemOf(parsed.error.issues[0])}`)
  const { format: _format, version: _version, notWrittenReason, profile, ...rest } = parsed.data
  return { ...rest, profile: profile ?? null, notWrittenReason: notWrittenReason ?? null }
}

/** Reads one message line; `lineNumber` (1-based, the header is line 1) names it in the sentence when it is bad. */
export function parseJsonlMessage(text: string, lineNumber: number): RecordedMessage {
  const parsed = messageSchema.safeParse(parseJson(text, lineNumber))
  if (!parsed.success) throw bad(lineNumber, `is not a valid message: ${problemOf(parsed.error.issues[0])}`)
  const { t, properties, ...rest } = parsed.data
  const message: RecordedMessage = { ...rest, receivedAtMicros: t }
  if (properties) {
    const { correlationDataBase64, ...kept } = properties
    const out: MessageProperties = kept
    if (correlationDataBase64 !== undefined) out.correlationData = correlationDataBase64 as Uint8Array<ArrayBuffer>
    message.properties = out
  }
  return message
}

const LF = 0x0a
const CR = 0x0d
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The non-blank lines of a file with their 1-based numbers, decoded one at a time (a CR before the LF is dropped). */
export function* jsonlLines(bytes: Uint8Array): Generator<{ number: number; text: string }> {
  let start = 0
  for (let number = 1; start < bytes.byteLength; number++) {
    let end = bytes.indexOf(LF, start)
    if (end === -1) end = bytes.byteLength
    const stop = end > start && bytes[end - 1] === CR ? end - 1 : end
    let text: string
    try {
      text = utf8.decode(bytes.subarray(start, stop))
    } catch {
      throw bad(number, 'is not UTF-8 text.')
    }
    if (text.trim() !== '') yield { number, text }
    start = end + 1
  }
}
