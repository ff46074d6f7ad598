// Brokers that answer wrongly or not at all: a 3.1.1 broker meeting MQTT 5, a publish never acknowledged or
// acknowledged at a lower QoS, an mqtt:// client on a WebSocket port. Fake peers speak real MQTT (mqtt-packet).
import { once } from 'node:events'
import { createServer } from 'node:net'
import { Aedes } from 'aedes'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ConnectionManager } from '../../src/main/mqtt/connectionManager'
import { startTestBroker, type TestBroker } from '../support/broker'
import { answerLikeABroker, startFakeBroker, type FakeBehaviour, type FakeBroker } from '../support/fakeBroker'
import { bytes, optionsFor, rejectionOf } from './connectionKit'

let broker: TestBroker
let manager: ConnectionManager
let fake: FakeBroker | undefined

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['plain', 'ws'] })
})
afterAll(async () => {
  await broker?.stop()
})
afterEach(async () => {
  await manager?.dispose()
  await fake?.close()
  fake = undefined
})

async function fakeOptions(behaviour: FakeBehaviour, extra: Parameters<typeof optionsFor>[2] = {}) {
  fake = await startFakeBroker(behaviour)
  return optionsFor(broker, 'plain', { port: fake.port, ...extra })
}

describe('MQTT 5.0 offered to a broker that speaks only 3.1.1', () => {
  it('says so when the broker answers with the 3.1.1 return code 1 (aedes)', async () => {
    const aedes = await Aedes.createBroker()
    const server = createServer(aedes.handle).listen(0, '127.0.0.1')
    await once(server, 'listening')
    const port = (server.address() as { port: number }).port
    try {
      manager = new ConnectionManager()
      const error = await rejectionOf(manager.connect('v5', optionsFor(broker, 'plain', { port, protocolVersion: 5 })))
      expect(error).toEqual(expect.objectContaining({
        code: 'broker-refused',
        message: `The broker at 127.0.0.1:${port} does not accept MQTT 5.0: it answered as an MQTT 3.1.1 broker (unacceptable protocol version (return code 1)). Choose MQTT 3.1.1 in the profile.`
      }))
    } finally {
      server.close()
      await new Promise<void>((resolve) => aedes.close(() => resolve()))
    }
  })

  it('gives the same hint when the broker closes the socket on a v5 CONNECT', async () => {
    const options = await fakeOptions((packet, version) => (packet.cmd === 'connect' && version === 5 ? 'close' : answerLikeABroker(packet, version)), { protocolVersion: 5 })
    manager = new ConnectionManager()
    const error = await rejectionOf(manager.connect('v5', options))
    expect(error.message).toMatch(/closed the connection before the broker accepted it\..* A broker that does not accept MQTT 5\.0 may do this: if so, choose MQTT 3\.1\.1\.$/)
  })

  it('gives the same hint when the broker never answers a v5 CONNECT (mosca)', async () => {
    const options = await fakeOptions((packet, version) => (packet.cmd === 'connect' && version === 5 ? 'ignore' : answerLikeABroker(packet, version)), { protocolVersion: 5, connectTimeoutMs: 300 })
    manager = new ConnectionManager()
    const error = await rejectionOf(manager.connect('v5', options))
    expect(error.code).toBe('connect-timeout')
    expect(error.message).toMatch(/did not answer within 0\.3 s\..* A broker that does not accept MQTT 5\.0 may do this: if so, choose MQTT 3\.1\.1\.$/)
  })
})

describe('publishes the broker mishandles', () => {
  it.for([
    ['no PUBREC', (packet, version) => (packet.cmd === 'publish' && packet.qos === 2 ? 'ignore' : answerLikeABroker(packet, version))],
    ['PUBREC but no PUBCOMP', (packet, version) => (packet.cmd === 'pubrel' ? 'ignore' : answerLikeABroker(packet, version))]
  ] as [string, FakeBehaviour][])('times out a QoS 2 publish the broker never acknowledges (%s), while other publishes go through', async ([, behaviour]) => {
    const options = await fakeOptions(behaviour)
    manager = new ConnectionManager({ publishTimeoutMs: 400 })
    await manager.connect('c', options)
    const started = Date.now()
    const stuck = rejectionOf(manager.publish('c', { topic: 'never/acked', payload: bytes('x'), qos: 2, retain: false }))
    // One outstanding publish blocks nothing else.
    await expect(manager.publish('c', { topic: 'fine', payload: bytes('y'), qos: 1, retain: false })).resolves.toEqual({ reasonCode: 0 })
    expect(await stuck).toEqual(expect.objectContaining({
      code: 'publish-timeout',
      message: 'The broker did not acknowledge the message to "never/acked" (QoS 2) within 0.4 s, so it is no longer sent again. The broker may not support QoS 2: try QoS 1 or 0, or check the broker\'s log.'
    }))
    expect(Date.now() - started).toBeGreaterThanOrEqual(380)
    expect(manager.list()[0]?.state).toBe('connected')
  })

  it('says when the broker acknowledges a QoS 2 publish with a PUBACK (a downgrade to QoS 1)', async () => {
    const options = await fakeOptions((packet, version) => (packet.cmd === 'publish' && packet.qos === 2 ? { send: [{ cmd: 'puback', messageId: packet.messageId }] } : answerLikeABroker(packet, version)))
    manager = new ConnectionManager()
    await manager.connect('c', options)
    await expect(manager.publish('c', { topic: 'down', payload: bytes('x'), qos: 2, retain: false })).resolves.toEqual({ reasonCode: 0, downgradedTo: 1 })
    await expect(manager.publish('c', { topic: 'down', payload: bytes('x'), qos: 1, retain: false })).resolves.toEqual({ reasonCode: 0 })
  })
})

describe('an MQTT 5 broker that disconnects over a publish it did not announce it refuses', () => {
  it('drops the message the DISCONNECT blames at once, says why, and reconnects without it', async () => {
    const options = await fakeOptions((packet, version) => {
      if (packet.cmd === 'publish' && packet.qos === 2) return { send: [{ cmd: 'disconnect', reasonCode: 0x9b }], thenClose: true }
      return answerLikeABroker(packet, version)
    }, { protocolVersion: 5, reconnectPeriodMs: 100 })
    manager = new ConnectionManager()
    await manager.connect('c', options)
    const error = await rejectionOf(manager.publish('c', { topic: 'no/qos2', payload: bytes('x'), qos: 2, retain: false }))
    expect(error).toEqual(expect.objectContaining({
      code: 'publish-refused',
      message: 'The broker closed the connection when it received the message to "no/qos2" (QoS 2): QoS not supported (0x9B). It was not sent again. Choose a lower QoS.'
    }))
    await expect.poll(() => manager.list()[0]?.state, { timeout: 3_000 }).toBe('connected')
    expect(fake?.received.filter((packet) => packet.cmd === 'publish')).toHaveLength(1)
  })
})

describe('the wrong protocol for the port', () => {
  it('says an mqtt:// client reached a WebSocket port and to choose ws://', async () => {
    manager = new ConnectionManager()
    const error = await rejectionOf(manager.connect('ws', optionsFor(broker, 'plain', { port: broker.ports.ws })))
    expect(error.message).toBe(`The server at 127.0.0.1:${broker.ports.ws} answered in HTTP, not MQTT: this port speaks WebSocket/HTTP. Choose ws:// (with the WebSocket path, often /mqtt), or the broker's mqtt:// port.`)
  })
})
