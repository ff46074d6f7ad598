import mqttPacket from 'mqtt-packet'
import type { IClientPublishOptions } from 'mqtt'
import type { QoS } from '../../shared/contract'

/**
 * The size of the MQTT 5 PUBLISH packet for this message, as the broker's Maximum Packet Size counts it
 * (fixed header included). Encoded by the same library mqtt.js sends with; called only when a limit is known.
 */
export function publishPacketBytes(topic: string, payload: Buffer, qos: QoS, properties: IClientPublishOptions['properties']): number {
  const packet = { cmd: 'publish' as const, topic, payload, qos, dup: false, retain: false, properties, ...(qos > 0 ? { messageId: 1 } : {}) }
  return mqttPacket.generate(packet, { protocolVersion: 5 }).length
}
