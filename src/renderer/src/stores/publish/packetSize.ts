import type { PublishProperties, QoS } from '@shared/contract'
import { utf8ByteLength as utf8Length } from '@shared/topics'

/** Bytes of an MQTT variable byte integer (remaining length, property length). */
function varIntBytes(value: number): number {
  return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4
}

function propertyBytes(properties: PublishProperties | undefined): number {
  if (!properties) return 0
  let bytes = 0
  if (properties.contentType !== undefined) bytes += 3 + utf8Length(properties.contentType)
  if (properties.responseTopic !== undefined) bytes += 3 + utf8Length(properties.responseTopic)
  if (properties.correlationData !== undefined) bytes += 3 + properties.correlationData.byteLength
  if (properties.messageExpiryInterval !== undefined) bytes += 5
  if (properties.payloadFormatIndicator !== undefined) bytes += 2
  for (const [key, value] of properties.userProperties ?? []) bytes += 5 + utf8Length(key) + utf8Length(value)
  return bytes
}

/** The size of the PUBLISH packet for this message, as a broker's Maximum Packet Size counts it (MQTT 5 §3.3). */
export function publishPacketBytes(topic: string, payloadBytes: number, qos: QoS, properties: PublishProperties | undefined, mqtt5: boolean): number {
  const props = propertyBytes(properties)
  const remaining = 2 + utf8Length(topic) + (qos > 0 ? 2 : 0) + (mqtt5 ? varIntBytes(props) + props : 0) + payloadBytes
  return 1 + varIntBytes(remaining) + remaining
}
