import mqttPacket from 'mqtt-packet'
import type { MqttClient } from 'mqtt'
import { UserFacingError, type BrokerCapabilities, type PublishMessage } from '../../shared/contract'
import { asBuffer, toMqttPublishProperties } from './properties'
import { beyondLimits } from './publisher'

/** What became of each message of a burst: null when written, else why it was not sent. */
export type BurstOutcome = Array<UserFacingError | null>

/**
 * QoS 0 messages written to the connection in one write. For a replay as fast as the broker takes it, mqtt.js's
 * publish (a packet object, a callback and a write per message) costs several times what the rest of the replay
 * does. QoS 0 has no packet id, no store and no acknowledgement, so none of mqtt.js's state is bypassed; the
 * packets are encoded by mqtt-packet, the encoder mqtt.js itself writes with, within the limits the broker announced.
 * Resolves once the bytes are handed to the socket, as a QoS 0 publish does.
 */
export function writeQos0Burst(client: MqttClient, messages: readonly PublishMessage[], broker: BrokerCapabilities): Promise<BurstOutcome> {
  const v5 = broker.protocolVersion === 5
  const outcome: BurstOutcome = []
  const packets: Buffer[] = []
  for (const message of messages) {
    if (message.qos !== 0) throw new Error('A burst carries QoS 0 messages only.')
    const properties = v5 && message.properties ? toMqttPublishProperties(message.properties) : undefined
    const payload = asBuffer(message.payload)
    const packet = mqttPacket.generate({ cmd: 'publish', topic: message.topic, payload, qos: 0, dup: false, retain: message.retain, ...(properties ? { properties } : {}) }, { protocolVersion: broker.protocolVersion })
    const refused = beyondLimits(message, () => packet.length, broker)
    outcome.push(refused ?? null)
    if (!refused) packets.push(packet)
  }
  if (packets.length === 0) return Promise.resolve(outcome)
  return new Promise((resolve, reject) => {
    client.stream.write(Buffer.concat(packets), (error) => {
      if (error) reject(new UserFacingError('not-connected', `The messages were not sent: ${error.message}. Try again once connected.`))
      else resolve(outcome)
    })
  })
}
