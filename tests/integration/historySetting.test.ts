// The headless server's --history reaches the model: a topic keeps that many messages, not the default 500.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMainServices, type MainServices } from '../../src/main/services'
import { startTestBroker, type TestBroker } from '../support/broker'
import { optionsFor } from './connectionKit'

describe('messages kept per topic', () => {
  let broker: TestBroker
  let services: MainServices
  let dataDir: string
  beforeAll(async () => {
    broker = await startTestBroker({ listeners: ['plain'] })
    dataDir = await mkdtemp(join(tmpdir(), 'history-it-'))
    services = createMainServices({ dataDir, emit: () => undefined, modelSettings: { historyLimit: 1_200 } })
    await services.connections.connect('sub', optionsFor(broker, 'plain'))
    await services.connections.connect('pub', optionsFor(broker, 'plain'))
  })
  afterAll(async () => {
    await services?.dispose()
    await broker?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('keeps the configured number of messages of a topic and evicts the older ones', async () => {
    await services.connections.subscribe('sub', [{ filter: 'kept/#', qos: 1 }])
    const count = (): number => services.model.model('sub').topics.get('kept/temp')?.count ?? 0
    // In batches the subscriber has caught up with: Mosquitto queues at most 1,000 QoS 1 messages for a subscriber.
    for (let from = 0; from < 1_500; from += 300) {
      await Promise.all(Array.from({ length: 300 }, (_, i) => services.connections.publish('pub', { topic: 'kept/temp', payload: Buffer.from(String(from + i)), qos: 1, retain: false })))
      const deadline = Date.now() + 10_000
      while (count() < from + 300 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const entry = services.model.model('sub').topics.get('kept/temp')
    expect(entry?.count).toBe(1_500)
    expect(entry?.kept).toBe(1_200)
  })
})
