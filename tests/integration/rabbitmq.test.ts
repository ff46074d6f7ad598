// Against a real RabbitMQ 3.x (its MQTT plugin speaks 3.1.1 only): what it does differently from Mosquitto,
// and that the engine reports it. The node boots in tens of seconds on 2 cores, so one node serves the suite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConnectionManager } from '../../src/main/mqtt/connectionManager'
import { connectionOptionsSchema } from '../../src/shared/contract'
import { rabbitMissing, startRabbit, type RabbitBroker } from '../support/rabbitmq'
import { bytes, nextMessage, WAIT_MS } from './connectionKit'

const missing = rabbitMissing()
if (missing) console.warn(missing)

describe.skipIf(missing !== undefined)('RabbitMQ', () => {
  let rabbit: RabbitBroker
  let manager: ConnectionManager

  beforeAll(async () => {
    rabbit = await startRabbit()
    manager = new ConnectionManager()
    await manager.connect('r', connectionOptionsSchema.parse({ protocol: 'mqtt', host: '127.0.0.1', port: rabbit.mqttPort, connectTimeoutMs: WAIT_MS, reconnectPeriodMs: 0 }))
  }, 100_000)
  afterAll(async () => {
    await manager?.dispose()
    await rabbit?.stop()
  }, 30_000)

  it('reports the PUBACK it sends for a QoS 2 publish as a downgrade to QoS 1', async () => {
    await expect(manager.publish('r', { topic: 'rabbit/qos2', payload: bytes('x'), qos: 2, retain: false })).resolves.toEqual({ reasonCode: 0, downgradedTo: 1 })
    await expect(manager.publish('r', { topic: 'rabbit/qos1', payload: bytes('x'), qos: 1, retain: false })).resolves.toEqual({ reasonCode: 0 })
  })

  it('sends a retained value to an exact-topic subscription, not to a wildcard one', async () => {
    await manager.publish('r', { topic: 'rabbit/retained/a', payload: bytes('kept'), qos: 1, retain: true })
    const seen: string[] = []
    const stop = manager.onMessage((_id, message) => seen.push(`${message.topic} ${String(message.retain)}`))
    try {
      await manager.subscribe('r', [{ filter: 'rabbit/retained/#', qos: 1 }])
      const exact = nextMessage(manager, 'r', 'rabbit/retained/a')
      await manager.subscribe('r', [{ filter: 'rabbit/retained/a', qos: 1 }])
      expect((await exact).retain).toBe(true)
      // The wildcard subscription, made first, brought nothing: the one retained delivery came from the exact one.
      expect(seen).toEqual(['rabbit/retained/a true'])
    } finally {
      stop()
    }
  })
})
