import type { IPublishPacket } from 'mqtt'
import type { LastWill, MessageProperties, PublishProperties } from '../../shared/contract'

type MqttPublishProperties = NonNullable<IPublishPacket['properties']>
type UserProperties = NonNullable<MqttPublishProperties['userProperties']>

/** Ordered [key, value] pairs → mqtt.js's record, where a repeated key holds an array of values. */
export function toMqttUserProperties(pairs: ReadonlyArray<readonly [string, string]>): UserProperties {
  const record: UserProperties = {}
  for (const [key, value] of pairs) {
    const existing = record[key]
    if (existing === undefined) record[key] = value
    else if (Array.isArray(existing)) existing.push(value)
    else record[key] = [existing, value]
  }
  return record
}

/** mqtt.js's record → ordered [key, value] pairs, one pair per value. */
export function fromMqttUserProperties(record: UserProperties): [string, string][] {
  const pairs: [string, string][] = []
  for (const key of Object.keys(record)) {
    const value = record[key] as string | string[]
    if (Array.isArray(value)) for (const item of value) pairs.push([key, item])
    else pairs.push([key, value])
  }
  return pairs
}

/** Buffer view over the same bytes (mqtt-packet writes Buffers; no copy needed). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** Our publish properties → mqtt.js publish properties (only the ones that are set). */
export function toMqttPublishProperties(properties: PublishProperties): MqttPublishProperties {
  const out: MqttPublishProperties = {}
  if (properties.contentType !== undefined) out.contentType = properties.contentType
  if (properties.responseTopic !== undefined) out.responseTopic = properties.responseTopic
  if (properties.correlationData !== undefined) out.correlationData = asBuffer(properties.correlationData)
  if (properties.userProperties !== undefined && properties.userProperties.length > 0) {
    out.userProperties = toMqttUserProperties(properties.userProperties)
  }
  if (properties.messageExpiryInterval !== undefined) out.messageExpiryInterval = properties.messageExpiryInterval
  if (properties.payloadFormatIndicator !== undefined) out.payloadFormatIndicator = properties.payloadFormatIndicator
  return out
}

/** Last-will properties: the publish ones plus the will delay. */
export function toMqttWillProperties(properties: NonNullable<LastWill['properties']>): MqttPublishProperties & { willDelayInterval?: number } {
  const out: MqttPublishProperties & { willDelayInterval?: number } = toMqttPublishProperties(properties)
  if (properties.willDelayInterval !== undefined) out.willDelayInterval = properties.willDelayInterval
  return out
}

/**
 * Properties of a received v5 message. Runs once per message: plain field copies only. Buffers
 * (correlation data) still share mqtt.js's socket chunk — the model copies what it keeps.
 */
export function fromMqttMessageProperties(properties: MqttPublishProperties): MessageProperties {
  const out: MessageProperties = {}
  if (properties.contentType !== undefined) out.contentType = properties.contentType
  if (properties.responseTopic !== undefined) out.responseTopic = properties.responseTopic
  // A Buffer's backing store is an ArrayBuffer (never shared), so the narrower type holds.
  if (properties.correlationData !== undefined) out.correlationData = properties.correlationData as Uint8Array<ArrayBuffer>
  if (properties.userProperties !== undefined) out.userProperties = fromMqttUserProperties(properties.userProperties)
  if (properties.messageExpiryInterval !== undefined) out.messageExpiryInterval = properties.messageExpiryInterval
  if (properties.payloadFormatIndicator !== undefined) out.payloadFormatIndicator = properties.payloadFormatIndicator
  if (properties.topicAlias !== undefined) out.topicAlias = properties.topicAlias
  const ids = properties.subscriptionIdentifier
  if (ids !== undefined) out.subscriptionIdentifiers = Array.isArray(ids) ? ids : [ids]
  return out
}
