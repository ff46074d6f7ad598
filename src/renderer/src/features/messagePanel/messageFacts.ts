import type { MessageProperties, MessageRecord } from '@shared/contract'
import { formatByteSize, toHex, utf8DecodeStrict } from '../../lib/bytes'

/** MQTT 5 properties of a message as label/value pairs, in a stable order, for the panel. */
export function propertyRows(properties: MessageProperties | undefined): [string, string][] {
  if (!properties) return []
  const rows: [string, string][] = []
  if (properties.contentType !== undefined) rows.push(['Content type', properties.contentType])
  if (properties.payloadFormatIndicator !== undefined) rows.push(['Payload format', properties.payloadFormatIndicator ? 'UTF-8 text' : 'bytes'])
  if (properties.responseTopic !== undefined) rows.push(['Response topic', properties.responseTopic])
  if (properties.correlationData !== undefined) {
    rows.push(['Correlation data', utf8DecodeStrict(properties.correlationData) ?? toHex(properties.correlationData)])
  }
  if (properties.messageExpiryInterval !== undefined) rows.push(['Message expiry', `${properties.messageExpiryInterval} s`])
  if (properties.topicAlias !== undefined) rows.push(['Topic alias', String(properties.topicAlias)])
  if (properties.subscriptionIdentifiers?.length) rows.push(['Subscription ids', properties.subscriptionIdentifiers.join(', ')])
  for (const [key, value] of properties.userProperties ?? []) rows.push([`User: ${key}`, value])
  return rows
}

/** What the viewer says about how much of a payload it has. */
export function payloadAvailability(record: MessageRecord): { kind: 'whole' } | { kind: 'partial'; text: string } | { kind: 'evicted'; text: string } {
  if (record.payloadEvicted) {
    return { kind: 'evicted', text: `This payload (${formatByteSize(record.size)}) was dropped to stay within the memory budget; only its size and flags are kept.` }
  }
  if (record.truncated) {
    return { kind: 'partial', text: `Showing the first ${formatByteSize(record.payload.length)} of ${formatByteSize(record.size)}.` }
  }
  return { kind: 'whole' }
}

/** File name for saving a payload: the topic with unsafe characters replaced, plus the message number. */
export function payloadFileName(topic: string, seq: number, extension: string): string {
  const safe = topic.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'payload'
  return `${safe}-${seq}.${extension}`
}
