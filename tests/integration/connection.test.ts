// The connection engine against the real test broker: round trips, retained, wildcards, MQTT 5, payloads.
import { Socket } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ConnectionManager } from '../../src/main/mqtt/connectionManager'
import { startTestBroker, type TestBroker } from '../support/broker'
import { bytes, messages, nextMessage, nextStatus, optionsFor, rejectionOf, requireMqtt5 } from './connectionKit'

let broker: TestBroker
let manager: ConnectionManager
let topicCounter = 0
/** A fresh topic prefix per test, so retained messages of one test never reach another. */
const fresh = (): string => `engine/${process.pid}/${++topicCounter}`

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['plain', 'ws'] })
})
afterAll(async () => {
  await broker?.stop()
})
afterEach(async () => {
  await manager?.dispose()
})

async function connected(id = 'a', extra: Parameters<typeof optionsFor>[2] = {}): Promise<ConnectionManager> {
  manager ??= new ConnectionManager()
  await manager.connect(id, optionsFor(broker, 'plain', extra))
  return manager
}

describe('connection engine on the plain listener', () => {
  it('reports connecting then connected, lists the connection, and disconnects', async () => {
    manager = new ConnectionManager()
    const states: string[] = []
    manager.onStatus((status) => states.push(status.state))
    await manager.connect('a', optionsFor(broker, 'plain'))
    expect(manager.list()).toEqual([expect.objectContaining({ connectionId: 'a', state: 'connected' })])
    await manager.disconnect('a')
    expect(states).toEqual(['connecting', 'connected', 'disconnected'])
    expect(manager.list()).toEqual([])
  })

  it('refuses a second connection under the same id', async () => {
    await connected('same')
    const error = await rejectionOf(manager.connect('same', optionsFor(broker, 'plain')))
    expect(error.code).toBe('already-exists')
    expect(error.message).toContain('"same"')
  })

  it.each([0, 1, 2] as const)('round-trips a QoS %i message with its flags', async (qos) => {
    await connected()
    const topic = `${fresh()}/qos${qos}`
    const [result] = await manager.subscribe('a', [{ filter: topic, qos }])
    expect(result).toEqual({ filter: topic, grantedQos: qos, reasonCode: qos })
    const arrival = nextMessage(manager, 'a', topic)
    const sentAt = Date.now()
    await expect(manager.publish('a', { topic, payload: bytes('hello'), qos, retain: false })).resolves.toEqual({ reasonCode: 0 })
    const message = await arrival
    expect(Buffer.from(message.payload).toString()).toBe('hello')
    expect(message).toMatchObject({ topic, qos, retain: false, dup: false })
    expect(message.receivedAt).toBeGreaterThanOrEqual(sentAt - 1)
  })

  it('delivers a retained message on subscribe, flagged retain', async () => {
    await connected()
    const topic = `${fresh()}/retained`
    await manager.publish('a', { topic, payload: bytes('21.5'), qos: 1, retain: true })
    const arrival = nextMessage(manager, 'a', topic)
    await manager.subscribe('a', [{ filter: topic, qos: 1 }])
    const message = await arrival
    expect(message.retain).toBe(true)
    expect(Buffer.from(message.payload).toString()).toBe('21.5')
  })

  it('matches + and # wildcard subscriptions, several filters at once', async () => {
    await connected()
    const base = fresh()
    const results = await manager.subscribe('a', [
      { filter: `${base}/maison/+/temp`, qos: 0 },
      { filter: `${base}/garage/#`, qos: 1 }
    ])
    expect(results.map((r) => r.grantedQos)).toEqual([0, 1])
    const arrivals = messages(manager, 'a', 3)
    for (const topic of [`${base}/maison/salon/temp`, `${base}/maison/salon/humidity`, `${base}/garage`, `${base}/garage/door/state`]) {
      await manager.publish('a', { topic, payload: bytes('x'), qos: 1, retain: false })
    }
    expect((await arrivals).map((m) => m.topic)).toEqual([`${base}/maison/salon/temp`, `${base}/garage`, `${base}/garage/door/state`])
  })

  it('keeps binary payloads byte-exact (all 256 byte values) and carries a 1 MiB payload', async () => {
    await connected()
    const topic = `${fresh()}/binary`
    await manager.subscribe('a', [{ filter: topic, qos: 1 }])
    const all = Uint8Array.from({ length: 256 }, (_, i) => i)
    let arrival = nextMessage(manager, 'a', topic)
    await manager.publish('a', { topic, payload: all, qos: 1, retain: false })
    expect(Uint8Array.from((await arrival).payload)).toEqual(all)

    const big = new Uint8Array(1024 * 1024)
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 8)) & 0xff
    arrival = nextMessage(manager, 'a', topic)
    await manager.publish('a', { topic, payload: big, qos: 1, retain: false })
    const received = (await arrival).payload
    expect(received.byteLength).toBe(big.byteLength)
    expect(Buffer.compare(Buffer.from(received), Buffer.from(big))).toBe(0)
  })

  it('round-trips every MQTT 5 publish property', async (context) => {
    requireMqtt5(broker, context)
    await connected('a', { protocolVersion: 5 })
    const topic = `${fresh()}/v5`
    await manager.subscribe('a', [{ filter: topic, qos: 1 }])
    const arrival = nextMessage(manager, 'a', topic)
    const properties = {
      contentType: 'application/json',
      responseTopic: `${topic}/reply`,
      correlationData: Uint8Array.from([0, 1, 2, 254, 255]),
      userProperties: [['unit', 'celsius'], ['tag', 'a'], ['tag', 'b']] as [string, string][],
      messageExpiryInterval: 3600,
      payloadFormatIndicator: true
    }
    await manager.publish('a', { topic, payload: bytes('{"t":21}'), qos: 1, retain: false, properties })
    const received = (await arrival).properties
    expect(received?.contentType).toBe(properties.contentType)
    expect(received?.responseTopic).toBe(properties.responseTopic)
    expect(Uint8Array.from(received?.correlationData ?? [])).toEqual(properties.correlationData)
    expect(received?.userProperties).toEqual(properties.userProperties)
    // The broker subtracts the time the message waited; it never grows.
    expect(received?.messageExpiryInterval).toBeGreaterThan(3590)
    expect(received?.messageExpiryInterval).toBeLessThanOrEqual(3600)
    expect(received?.payloadFormatIndicator).toBe(true)
  })

  it('returns the v5 PUBACK reason code (0x10: nobody subscribed)', async (context) => {
    requireMqtt5(broker, context)
    // QoS 1: Mosquitto answers PUBREC 0 at QoS 2, before it routes the message.
    const qos = 1
    await connected('a', { protocolVersion: 5 })
    const topic = `${fresh()}/ack`
    await expect(manager.publish('a', { topic, payload: bytes('x'), qos, retain: false })).resolves.toEqual({ reasonCode: 0x10 })
    await manager.subscribe('a', [{ filter: topic, qos }])
    await expect(manager.publish('a', { topic, payload: bytes('x'), qos, retain: false })).resolves.toEqual({ reasonCode: 0 })
  })

  it('turns off Nagle on the socket, so QoS 1/2 acks are not held back', async () => {
    const noDelay = vi.spyOn(Socket.prototype, 'setNoDelay')
    try {
      await connected()
      expect(noDelay).toHaveBeenCalledWith(true)
    } finally {
      noDelay.mockRestore()
    }
  })

  it('honours v5 no-local: own messages stay away, others arrive', async (context) => {
    requireMqtt5(broker, context)
    await connected('a', { protocolVersion: 5 })
    const topic = `${fresh()}/noLocal`
    // noLocal: our own message must not come back; a second connection's message must.
    await manager.subscribe('a', [{ filter: topic, qos: 1, noLocal: true }])
    await manager.connect('b', optionsFor(broker, 'plain', { protocolVersion: 5 }))
    const arrival = nextMessage(manager, 'a', topic)
    await manager.publish('a', { topic, payload: bytes('own'), qos: 1, retain: false })
    await manager.publish('b', { topic, payload: bytes('other'), qos: 1, retain: false })
    expect(Buffer.from((await arrival).payload).toString()).toBe('other')
  })

  it('honours v5 retain handling 2 (no retained messages on subscribe) and retain-as-published', async (context) => {
    requireMqtt5(broker, context)
    await connected('a', { protocolVersion: 5 })
    const base = fresh()
    await manager.publish('a', { topic: `${base}/kept`, payload: bytes('old'), qos: 1, retain: true })
    await manager.subscribe('a', [{ filter: `${base}/kept`, qos: 1, retainHandling: 2 }, { filter: `${base}/live`, qos: 1, retainAsPublished: true }])
    await manager.subscribe('a', [{ filter: `${base}/plain`, qos: 1 }])
    const arrivals = messages(manager, 'a', 2)
    await manager.publish('a', { topic: `${base}/live`, payload: bytes('now'), qos: 1, retain: true })
    await manager.publish('a', { topic: `${base}/plain`, payload: bytes('now'), qos: 1, retain: true })
    // Only the two live messages arrive (not the retained "old"); the retain flag survives only with retain-as-published.
    expect((await arrivals).map((m) => [m.topic, m.retain])).toEqual([[`${base}/live`, true], [`${base}/plain`, false]])
  })

  it('reads $SYS/broker/version', async (context) => {
    if (broker.kind !== 'mosquitto') context.skip('aedes publishes no $SYS/broker/version topic (Mosquitto is not installed)')
    await connected()
    const arrival = nextMessage(manager, 'a', '$SYS/broker/version')
    await manager.subscribe('a', [{ filter: '$SYS/broker/version', qos: 0 }])
    expect(Buffer.from((await arrival).payload).toString()).toMatch(/^mosquitto version \d+\.\d+/)
  })

  it('keeps two connections at once, each with its own messages', async () => {
    await connected('one')
    await connected('two')
    const topic = `${fresh()}/two`
    await manager.subscribe('two', [{ filter: topic, qos: 1 }])
    const arrival = nextMessage(manager, 'two', topic)
    await manager.publish('one', { topic, payload: bytes('from one'), qos: 1, retain: false })
    expect(Buffer.from((await arrival).payload).toString()).toBe('from one')
    expect(manager.list().map((s) => [s.connectionId, s.state])).toEqual([['one', 'connected'], ['two', 'connected']])
  })

  it.for([3, 4, 5] as const)('connects with MQTT protocol version %i and round-trips', async (protocolVersion, context) => {
    if (protocolVersion === 5) requireMqtt5(broker, context)
    await connected('v', { protocolVersion })
    const topic = `${fresh()}/version`
    await manager.subscribe('v', [{ filter: topic, qos: 1 }])
    const arrival = nextMessage(manager, 'v', topic)
    await manager.publish('v', { topic, payload: bytes('v'), qos: 1, retain: false })
    expect((await arrival).topic).toBe(topic)
  })

  it('unsubscribes: no more messages for the filter', async () => {
    await connected()
    const topic = `${fresh()}/unsub`
    await manager.subscribe('a', [{ filter: topic, qos: 1 }, { filter: `${topic}/marker`, qos: 1 }])
    await manager.unsubscribe('a', [topic])
    const arrival = nextMessage(manager, 'a', `${topic}/marker`)
    const seen: string[] = []
    manager.onMessage((_id, message) => seen.push(message.topic))
    await manager.publish('a', { topic, payload: bytes('gone'), qos: 1, retain: false })
    await manager.publish('a', { topic: `${topic}/marker`, payload: bytes('m'), qos: 1, retain: false })
    await arrival
    expect(seen).toEqual([`${topic}/marker`])
  })

  it('refuses to publish or subscribe on a connection that is not open', async () => {
    manager = new ConnectionManager()
    const error = await rejectionOf(manager.publish('nope', { topic: 't', payload: bytes('x'), qos: 0, retain: false }))
    expect(error.code).toBe('not-connected')
    expect(error.message).toBe('There is no connection "nope". Connect first.')
    expect((await rejectionOf(manager.subscribe('nope', [{ filter: 't', qos: 0 }]))).code).toBe('not-connected')
  })

  it('sends the last will with its v5 properties when the broker drops the client, and reports the loss', async (context) => {
    requireMqtt5(broker, context)
    const topic = `${fresh()}/will`
    const clientId = `will-${process.pid}-${topicCounter}`
    await connected('watcher', { protocolVersion: 5 })
    await manager.subscribe('watcher', [{ filter: topic, qos: 1 }])
    await connected('dies', {
      protocolVersion: 5,
      clientId,
      will: { topic, payload: bytes('gone'), qos: 1, retain: false, properties: { contentType: 'text/plain', willDelayInterval: 0 } }
    })
    const arrival = nextMessage(manager, 'watcher', topic)
    const lost = nextStatus(manager, 'dies', 'error')
    // A second client with the same client id takes the session over: the broker drops the first one.
    await connected('thief', { protocolVersion: 5, clientId })
    const message = await arrival
    expect(Buffer.from(message.payload).toString()).toBe('gone')
    expect(message.properties?.contentType).toBe('text/plain')
    const error = (await lost).error
    expect(error?.message).toMatch(/^The connection to 127\.0\.0\.1:\d+ was closed by the broker or the network\. Automatic reconnection is off: connect again\.$/)
  })
})

describe('connection engine over WebSocket', () => {
  it('connects over ws:// and round-trips', async () => {
    manager = new ConnectionManager()
    await manager.connect('ws', optionsFor(broker, 'ws'))
    const topic = `${fresh()}/ws`
    await manager.subscribe('ws', [{ filter: topic, qos: 1 }])
    const arrival = nextMessage(manager, 'ws', topic)
    await manager.publish('ws', { topic, payload: bytes('over ws'), qos: 1, retain: false })
    expect(Buffer.from((await arrival).payload).toString()).toBe('over ws')
  })
})
