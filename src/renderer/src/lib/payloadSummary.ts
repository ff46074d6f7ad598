import type { MessageRecord } from '@shared/contract'
import { formatByteSize } from '@shared/bytes'
import {
  decodePayload, findImage, isSparkplugTopic, parseSparkplugTopic, payloadDecoders, protobufRuleFor, sniffImage, sparkplugSummary, SparkplugState, summaryLine,
  type DecoderId, type ProfileDecoders
} from '@shared/decoders'
import { previewPayload } from './payloadView'

/** The latest record of a topic in the page's model; Sparkplug summaries read their births through it. */
export type LatestRecord = (topic: string) => MessageRecord | undefined

const ROW_LENGTH = 60

interface Cached {
  text: string
  /** The birth records the text was made with: a rebirth makes it stale. */
  births: readonly (MessageRecord | undefined)[]
}

// Summaries per record: records are replaced when a topic changes, so only births can make one stale. Only rows
// on screen are summarised, so decoding never runs per message.
const cache = new WeakMap<MessageRecord, Cached>()
// Summaries by a profile's pin or Protobuf rule, made with one compiled form of its settings: a save makes them stale.
const configuredCache = new WeakMap<MessageRecord, { decoders: ProfileDecoders; text: string }>()

/**
 * A payload in one line: what the decoder a profile pins or maps (Protobuf rule) to the topic reads, else a
 * Sparkplug or image summary, else its start as text or hex. Without `latest` (old messages, whose births may
 * have changed since) a Sparkplug summary gives only its type, seq and metric count.
 */
export function payloadSummary(topic: string, record: MessageRecord, latest?: LatestRecord, decoders?: ProfileDecoders): string {
  const configured = decoders ? configuredDecoder(decoders, topic) : undefined
  // An evicted payload has no bytes left: an empty Protobuf message would decode, wrongly, as all defaults.
  if (decoders && configured && !record.payloadEvicted) return configuredSummary(topic, record, decoders, configured)
  if (!isSparkplugTopic(topic)) {
    const cached = cache.get(record)
    if (cached) return cached.text
    const text = imageSummary(record) ?? previewPayload(record.payload, ROW_LENGTH)
    cache.set(record, { text, births: [] })
    return text
  }
  if (!latest) return sparkplugHeader(topic, record)
  const topics = birthTopics(topic)
  const births = topics.map(latest)
  const cached = cache.get(record)
  if (cached && cached.births.length === births.length && cached.births.every((b, i) => b === births[i])) return cached.text
  const text = sparkplugRow(topic, record, topics, births)
  cache.set(record, { text, births })
  return text
}

/** The decoder the profile sets for a topic; Sparkplug keeps its own summaries, which read the births. */
function configuredDecoder(decoders: ProfileDecoders, topic: string): DecoderId | undefined {
  const id = decoders.pinFor(topic) ?? (protobufRuleFor(decoders.context.protobuf, topic) ? 'protobuf' : undefined)
  return id === 'sparkplug' ? undefined : id
}

function configuredSummary(topic: string, record: MessageRecord, decoders: ProfileDecoders, decoder: DecoderId): string {
  const cached = configuredCache.get(record)
  if (cached?.decoders === decoders) return cached.text
  let text: string
  if (record.truncated) text = `${payloadDecoders[decoder].label}, ${formatByteSize(record.size)} (select it to decode the whole payload)`
  else {
    const result = decodePayload({ bytes: record.payload, topic }, decoders.context, decoder)
    text = rowText(result.ok ? result.summary : summaryLine(result.error))
  }
  configuredCache.set(record, { decoders, text })
  return text
}

/** Decoded summaries get two row lengths: they say more per character than raw text. */
function rowText(text: string): string {
  return text.length > ROW_LENGTH * 2 ? `${text.slice(0, ROW_LENGTH * 2 - 1)}…` : text
}

function imageSummary(record: MessageRecord): string | null {
  const image = record.truncated ? sniffImage(record.payload) : findImage(record.payload)
  return image ? `${image.mime.slice('image/'.length).toUpperCase()} image ${image.width}×${image.height}, ${formatByteSize(record.size)}` : null
}

/** Type, seq and metric count: what a Sparkplug message says without its birth. */
function sparkplugHeader(topic: string, record: MessageRecord): string {
  const cached = cache.get(record)
  if (cached) return cached.text
  let text: string
  if (record.truncated) text = `Sparkplug B, ${formatByteSize(record.size)}`
  else {
    const outcome = new SparkplugState().decode(topic, record.payload)
    if (!outcome.ok) text = summaryLine(outcome.error)
    else if (outcome.message.type === 'STATE') text = sparkplugSummary(outcome.message)
    else {
      const { type, seq, metrics } = outcome.message
      text = `${type}${seq === undefined ? '' : ` seq ${seq}`} · ${metrics.length} metric${metrics.length === 1 ? '' : 's'}`
    }
  }
  cache.set(record, { text, births: [] })
  return text
}

/** The node's and device's birth topics, whose latest messages name and type the metrics data sends by alias. */
function birthTopics(topic: string): string[] {
  const parsed = parseSparkplugTopic(topic)
  if (typeof parsed === 'string' || parsed.kind !== 'edge') return []
  const node = `spBv1.0/${parsed.groupId}/NBIRTH/${parsed.edgeNodeId}`
  return parsed.deviceId === undefined ? [node] : [node, `spBv1.0/${parsed.groupId}/DBIRTH/${parsed.edgeNodeId}/${parsed.deviceId}`]
}

function sparkplugRow(topic: string, record: MessageRecord, topics: readonly string[], births: readonly (MessageRecord | undefined)[]): string {
  if (record.truncated) return `Sparkplug B, ${formatByteSize(record.size)} (select it to decode the whole payload)`
  const state = new SparkplugState()
  births.forEach((birth, i) => {
    const birthTopic = topics[i] as string
    if (birth && !birth.truncated && birthTopic !== topic) state.observe(birthTopic, birth.payload, birth.receivedAt)
  })
  const outcome = state.decode(topic, record.payload)
  if (!outcome.ok) return summaryLine(outcome.error).slice(0, ROW_LENGTH)
  return rowText(summaryLine(sparkplugSummary(outcome.message)))
}
