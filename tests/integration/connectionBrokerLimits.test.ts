// Brokers that refuse a publish by closing the connection (Mosquitto's max_qos, retain_available, max_packet_size):
// the engine stops resending such a message and says why; with MQTT 5 it refuses before sending what CONNACK forbids.
import { afterAll, afterEach, beforeAll, describe, expect, it, type TestContext } from 'vitest'
import { ConnectionManager } from '../../src/main/mqtt/connectionManager'
import type { ConnectionStatus } from '../../src/shared/contract'
import { startTestBroker, type TestBroker } from '../support/broker'
import { bytes, nextStatus, optionsFor, rejectionOf } from './connectionKit'

const MAX_PACKET = 2048
let limited: TestBroker
let noRetain: TestBroker
let manager: ConnectionManager
let statuses: ConnectionStatus[]

beforeAll(async () => {
  ;[limited, noRetain] = await Promise.all([
    startTestBroker({ listeners: ['maxQos1'] }),
    startTestBroker({ listeners: ['plain'], limits: { retainAvailable: false, maxPacketSize: MAX_PACKET } })
  ])
})
afterAll(async () => {
  await Promise.all([limited?.stop(), noRetain?.stop()])
})
afterEach(async () => {
  await manager?.dispose()
})

function requireMosquitto(context: TestContext): void {
  if (limited.kind === 'aedes') context.skip('aedes has no max_qos, retain_available or max_packet_size (Mosquitto is not installed)')
}

async function open(broker: TestBroker, listener: 'maxQos1' | 'plain', protocolVersion: 4 | 5): Promise<ConnectionStatus> {
  manager = new ConnectionManager()
  statuses = []
  manager.onStatus((status) => statuses.push(status))
  const connected = nextStatus(manager, 'c', 'connected')
  await manager.connect('c', optionsFor(broker, listener, { protocolVersion, reconnectPeriodMs: 100 }))
  return connected
}

describe('MQTT 3.1.1: the broker disconnects instead of refusing', () => {
  it('drops a QoS 2 message that got the connection closed twice, says why, and stays connected (max_qos 1)', async (context) => {
    requireMosquitto(context)
    expect((await open(limited, 'maxQos1', 4)).broker).toEqual({ protocolVersion: 4 })
    const error = await rejectionOf(manager.publish('c', { topic: 'limits/qos2', payload: bytes('x'), qos: 2, retain: false }))
    expect(error).toEqual(expect.objectContaining({
      code: 'publish-refused',
      message: 'The broker closed the connection each time it received the message to "limits/qos2" (QoS 2), so it was not sent again. ' +
        "Brokers do this for a QoS or a retained flag they do not allow (Mosquitto's max_qos and retain_available) or a topic this client may not publish to. Try a lower QoS, or without Retain."
    }))
    // The status while reconnecting said so too, and the connection comes back without the message.
    expect(statuses.some((s) => s.state !== 'connected' && s.error?.message === error.message)).toBe(true)
    await expect.poll(() => manager.list()[0]?.state, { timeout: 3_000 }).toBe('connected')
    await expect(manager.publish('c', { topic: 'limits/qos1', payload: bytes('x'), qos: 1, retain: false })).resolves.toEqual({ reasonCode: 0 })
    // Sent, dropped, sent again on reconnect, dropped again: then no more.
    const drops = statuses.filter((s, i) => s.state === 'offline' && statuses[i - 1]?.state !== 'offline').length
    expect(drops).toBe(2)
  })

  it('drops a retained message the broker does not keep (retain_available false)', async (context) => {
    requireMosquitto(context)
    await open(noRetain, 'plain', 4)
    const error = await rejectionOf(manager.publish('c', { topic: 'limits/retained', payload: bytes('x'), qos: 1, retain: true }))
    expect(error.message).toMatch(/^The broker closed the connection each time it received the message to "limits\/retained" \(QoS 1, retained\), so it was not sent again\./)
    await expect.poll(() => manager.list()[0]?.state, { timeout: 3_000 }).toBe('connected')
  })
})

describe('MQTT 5: what the CONNACK announced', () => {
  it('exposes Maximum QoS and refuses a QoS 2 publish before sending it', async (context) => {
    requireMosquitto(context)
    const status = await open(limited, 'maxQos1', 5)
    expect(status.broker).toEqual({ protocolVersion: 5, maximumQos: 1, retainAvailable: true, receiveMaximum: 20 })
    const error = await rejectionOf(manager.publish('c', { topic: 'limits/qos2', payload: bytes('x'), qos: 2, retain: false }))
    expect(error).toEqual(expect.objectContaining({
      code: 'publish-refused',
      message: 'The broker accepts QoS 1 at most (Maximum QoS in its CONNACK), so the message to "limits/qos2" (QoS 2) was not sent. Choose QoS 1 or 0.'
    }))
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'connected'])
  })

  it('exposes Retain Available and Maximum Packet Size, and refuses what they forbid before sending it', async (context) => {
    requireMosquitto(context)
    const status = await open(noRetain, 'plain', 5)
    expect(status.broker).toEqual({ protocolVersion: 5, maximumQos: 2, retainAvailable: false, maximumPacketSize: MAX_PACKET, receiveMaximum: 20 })
    const retained = await rejectionOf(manager.publish('c', { topic: 'limits/r', payload: bytes('x'), qos: 0, retain: true }))
    expect(retained.message).toBe('The broker keeps no retained messages (Retain Available 0 in its CONNACK), so the message to "limits/r" (QoS 0, retained) was not sent. Publish it without Retain.')
    const large = await rejectionOf(manager.publish('c', { topic: 'limits/big', payload: new Uint8Array(MAX_PACKET), qos: 1, retain: false }))
    expect(large.message).toBe(`The broker accepts packets of at most ${MAX_PACKET} bytes (Maximum Packet Size in its CONNACK), so the message to "limits/big" (QoS 1) was not sent. Make the payload smaller.`)
    // A payload that fits, with the packet's own bytes counted, goes through.
    await expect(manager.publish('c', { topic: 'limits/big', payload: new Uint8Array(MAX_PACKET - 20), qos: 1, retain: false })).resolves.toEqual({ reasonCode: 0x10 })
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'connected'])
  })

  it('holds a QoS 0 burst (a replay) to the same limits: what they forbid is refused, the rest arrives in order', async (context) => {
    requireMosquitto(context)
    await open(noRetain, 'plain', 5)
    const received: string[] = []
    await manager.connect('watch', optionsFor(noRetain, 'plain', { protocolVersion: 5 }))
    manager.onMessage((connectionId, message) => connectionId === 'watch' && received.push(`${message.topic}=${message.payload.length}`))
    await manager.subscribe('watch', [{ filter: 'burst/#', qos: 0 }])
    const outcome = await manager.publishBurst('c', [
      { topic: 'burst/1', payload: bytes('a'), qos: 0, retain: false },
      { topic: 'burst/retained', payload: bytes('b'), qos: 0, retain: true },
      { topic: 'burst/big', payload: new Uint8Array(MAX_PACKET), qos: 0, retain: false },
      { topic: 'burst/2', payload: new Uint8Array(MAX_PACKET - 20), qos: 0, retain: false, properties: { userProperties: [['k', 'v']] } }
    ])
    expect(outcome.map((refusal) => refusal?.message ?? null)).toEqual([
      null,
      'The broker keeps no retained messages (Retain Available 0 in its CONNACK), so the message to "burst/retained" (QoS 0, retained) was not sent. Publish it without Retain.',
      `The broker accepts packets of at most ${MAX_PACKET} bytes (Maximum Packet Size in its CONNACK), so the message to "burst/big" (QoS 0) was not sent. Make the payload smaller.`,
      null
    ])
    await expect.poll(() => received).toEqual(['burst/1=1', `burst/2=${MAX_PACKET - 20}`])
    expect(statuses.filter((s) => s.connectionId === 'c').map((s) => s.state)).toEqual(['connecting', 'connected'])
  })
})
