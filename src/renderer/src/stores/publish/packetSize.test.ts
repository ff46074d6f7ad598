import { describe, expect, it } from 'vitest'
import type { PublishProperties, QoS } from '@shared/contract'
import { publishPacketBytes } from './packetSize'

describe("the composer's count of a PUBLISH's bytes (for the broker's Maximum Packet Size)", () => {
  // Expected sizes are what mqtt-packet 9 (mqtt.js's encoder, which the engine sends with) generates for the same packet.
  const all: PublishProperties = {
    contentType: 'application/json',
    responseTopic: 'reply/to',
    correlationData: new Uint8Array([1, 2, 3]),
    messageExpiryInterval: 60,
    payloadFormatIndicator: true,
    userProperties: [['site', 'lab'], ['ü', 'x'], ['site', 'hall']]
  }
  const cases: [string, number, QoS, PublishProperties | undefined, boolean, number][] = [
    ['a', 0, 0, undefined, false, 5],
    ['température/ß', 127, 2, undefined, true, 150],
    ['big', 20_000, 1, all, true, 20_088],
    ['huge', 3_000_000, 0, { contentType: 'text/plain' }, true, 3_000_025]
  ]
  it.each(cases)('counts the PUBLISH to "%s" with %i payload bytes at QoS %i', (topic, size, qos, properties, mqtt5, expected) => {
    expect(publishPacketBytes(topic, size, qos, properties, mqtt5)).toBe(expected)
  })
})
