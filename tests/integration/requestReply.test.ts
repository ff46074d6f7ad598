// MQTT 5 request/response against the test broker, with a responder that answers on the response topic with the
// correlation data it was given (in reverse order for concurrent requests, so pairing by data is what is tested).
import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConnectionManager } from '../../src/main/mqtt/connectionManager'
import { RequestReplies } from '../../src/main/requests/requestReplies'
import { openProfiles, tempDataDir } from '../../src/main/profiles/testSupport'
import { profileSaveSchema } from '../../src/shared/contract'
import { startTestBroker, type TestBroker } from '../support/broker'
import { optionsFor, requireMqtt5 } from './connectionKit'

let broker: TestBroker
let connections: ConnectionManager
let requests: RequestReplies
let responder: MqttClient
// The request history of one saved profile, on disk in a temporary data dir: every request of 'v5' goes there.
const data = tempDataDir()
const stored = openProfiles(data.dir)
const profileId = stored.profiles.save(profileSaveSchema.parse({ name: 'Requests', options: { protocol: 'mqtt', host: '127.0.0.1', port: 1883 } })).id
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['plain'] })
  connections = new ConnectionManager()
  await connections.connect('v5', optionsFor(broker, 'plain', { protocolVersion: 5 }))
  await connections.connect('v4', optionsFor(broker, 'plain', { protocolVersion: 4 }))
  requests = new RequestReplies(connections, () => [], (connectionId, settled) => {
    if (connectionId === 'v5') stored.requests.add(profileId, settled)
  })
  connections.onMessage((id, message) => requests.ingest(id, message))
  responder = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.ports.plain}`, { protocolVersion: 5, reconnectPeriod: 0 })
  await responder.subscribeAsync('svc/#', { qos: 1 })
  const held: Array<() => void> = []
  responder.on('message', (topic, payload, packet) => {
    const { responseTopic, correlationData } = packet.properties ?? {}
    if (!responseTopic || topic === 'svc/silent') return
    const answer = (): void => void responder.publish(responseTopic, `echo:${payload.toString()}`, { qos: 1, properties: { correlationData } })
    // svc/pair holds the first request until the second arrives, then answers the second first.
    if (topic === 'svc/pair') {
      held.push(answer)
      if (held.length === 2) [held[1], held[0]].forEach((send) => send?.())
      return
    }
    answer()
  })
})
afterAll(async () => {
  await responder?.endAsync()
  await connections?.dispose()
  await broker?.stop()
  data.cleanup()
})

describe('MQTT 5 request/response', () => {
  it('pairs the reply with its request by correlation data, on a response topic main subscribed to', async (context) => {
    requireMqtt5(broker, context)
    const result = await requests.send({ connectionId: 'v5', topic: 'svc/echo', payload: new TextEncoder().encode('ping'), qos: 1, retain: false, timeoutMs: 5_000 })
    expect(result.responseTopic).toMatch(/^brokerscope\/replies\/[0-9a-f]{12}$/)
    expect(text(result.reply.payload)).toBe('echo:ping')
    expect(result.reply.topic).toBe(result.responseTopic)
    expect(text(result.correlationData)).toMatch(/^[0-9a-f]{16}$/)
    expect(result.roundTripMs).toBeGreaterThan(0)
    expect(result.roundTripMs).toBeLessThan(5_000)
    const [entry] = openProfiles(data.dir).library.requestsOf(profileId)
    expect(entry).toMatchObject({ topic: 'svc/echo', payload: new TextEncoder().encode('ping'), qos: 1, responseTopic: result.responseTopic, correlationData: Buffer.from(result.correlationData).toString('hex') })
    expect(entry?.outcome).toMatchObject({ kind: 'reply', topic: result.responseTopic, payload: new TextEncoder().encode('echo:ping'), roundTripMs: result.roundTripMs })
  })

  it('answers concurrent requests each with its own reply, and uses the response topic and data given', async (context) => {
    requireMqtt5(broker, context)
    const enc = new TextEncoder()
    const [first, second] = await Promise.all([
      requests.send({ connectionId: 'v5', topic: 'svc/pair', payload: enc.encode('one'), qos: 1, retain: false, properties: { responseTopic: 'replies/mine', correlationData: enc.encode('req-1') }, timeoutMs: 5_000 }),
      requests.send({ connectionId: 'v5', topic: 'svc/pair', payload: enc.encode('two'), qos: 1, retain: false, properties: { responseTopic: 'replies/mine', correlationData: enc.encode('req-2') }, timeoutMs: 5_000 })
    ])
    expect([text(first.reply.payload), text(second.reply.payload)]).toEqual(['echo:one', 'echo:two'])
    expect([first.responseTopic, text(first.correlationData)]).toEqual(['replies/mine', 'req-1'])
  })

  it('takes the reply, not its own request, when a subscription delivers the request back with the same correlation data', async (context) => {
    requireMqtt5(broker, context)
    const [granted] = await connections.subscribe('v5', [{ filter: 'svc/#', qos: 1 }])
    expect(granted?.error).toBeUndefined()
    try {
      const result = await requests.send({ connectionId: 'v5', topic: 'svc/echo', payload: new TextEncoder().encode('mine'), qos: 1, retain: false, timeoutMs: 5_000 })
      expect([result.reply.topic, text(result.reply.payload)]).toEqual([result.responseTopic, 'echo:mine'])
    } finally {
      await connections.unsubscribe('v5', ['svc/#'])
    }
  })

  it('says when no reply comes in time, and that MQTT 3.1.1 cannot do it', async (context) => {
    requireMqtt5(broker, context)
    await expect(requests.send({ connectionId: 'v5', topic: 'svc/silent', payload: new Uint8Array(0), qos: 1, retain: false, timeoutMs: 300 })).rejects.toThrow(/^No reply came on "brokerscope\/replies\/[0-9a-f]+" within 0\.3 s\. Check that a responder listens on "svc\/silent"/)
    expect(stored.requests.entries(profileId)[0]).toMatchObject({ topic: 'svc/silent', outcome: { kind: 'timeout', timeoutMs: 300 } })
    await expect(requests.send({ connectionId: 'v4', topic: 'svc/echo', payload: new Uint8Array(0), qos: 1, retain: false, timeoutMs: 1_000 })).rejects.toThrow(/^Request and response needs MQTT 5\.0/)
  })
})
