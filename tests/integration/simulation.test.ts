// Simulating a device against the test broker: the rate holds over time, counts are exact, variables are filled
// in anew for each message, and a template that cannot be filled is refused before anything is sent.
import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SimulationStatus } from '../../src/shared/contract'
import { ConnectionManager } from '../../src/main/mqtt/connectionManager'
import { SimulationService } from '../../src/main/simulation/simulationService'
import { startTestBroker, type TestBroker } from '../support/broker'
import { optionsFor } from './connectionKit'

let broker: TestBroker
let connections: ConnectionManager
let subscriber: MqttClient
let simulations: SimulationService
const statuses: SimulationStatus[] = []
const received: Array<{ topic: string; payload: string; at: number }> = []

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['plain'] })
  connections = new ConnectionManager()
  await connections.connect('device', optionsFor(broker, 'plain'))
  simulations = new SimulationService({ publish: (id, message) => connections.publish(id, message), emit: (_name, status) => statuses.push(status as SimulationStatus) })
  subscriber = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.ports.plain}`, { reconnectPeriod: 0 })
  await subscriber.subscribeAsync('sim/#', { qos: 1 })
  subscriber.on('message', (topic, payload) => received.push({ topic, payload: payload.toString(), at: performance.now() }))
})
afterAll(async () => {
  simulations?.dispose()
  await subscriber?.endAsync()
  await connections?.dispose()
  await broker?.stop()
})

async function until(what: string, predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('device simulation', () => {
  it('publishes exactly the count at the rate (within 10% over 5 s), each with its variables filled in', async () => {
    simulations.start({ simulationId: 's1', connectionId: 'device', topic: 'sim/pump/{{counter}}', payload: '{"n":{{counter}},"t":{{randomFloat 18 25 1}},"id":"{{uuid}}"}', qos: 1, retain: false, ratePerSecond: 20, count: 101 })
    await until('101 messages', () => received.length === 101)
    await until('the end', () => statuses.some((s) => s.simulationId === 's1' && s.state === 'finished'))
    const span = (received.at(-1)!.at - received[0]!.at) / 1000
    expect(span).toBeGreaterThan(4.5)
    expect(span).toBeLessThan(5.5)
    expect(received.map((m) => m.topic)).toEqual(Array.from({ length: 101 }, (_, i) => `sim/pump/${i + 1}`))
    const payloads = received.map((m) => JSON.parse(m.payload) as { n: number; t: number; id: string })
    expect(payloads.map((p) => p.n)).toEqual(Array.from({ length: 101 }, (_, i) => i + 1))
    for (const p of payloads) expect(p.t >= 18 && p.t <= 25).toBe(true)
    expect(new Set(payloads.map((p) => p.id)).size).toBe(101)
    expect(statuses.find((s) => s.simulationId === 's1' && s.state === 'finished')).toMatchObject({ sent: 101, acknowledged: 101, refused: 0 })
    received.length = 0
  }, 20_000)

  it('runs until stopped, and refuses a template it cannot fill with a sentence', async () => {
    simulations.start({ simulationId: 's2', connectionId: 'device', topic: 'sim/free', payload: '{{timestamp}}', qos: 0, retain: false, ratePerSecond: 200 })
    await until('some messages', () => received.length >= 20)
    const stopped = simulations.stop('s2')
    expect(stopped.state).toBe('stopped')
    await new Promise((resolve) => setTimeout(resolve, 300))
    const afterStop = received.length
    expect(afterStop).toBeLessThanOrEqual(stopped.sent)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(received.length).toBe(afterStop)
    expect(() => simulations.stop('s2')).toThrow('That simulation has already stopped.')
    expect(() => simulations.start({ simulationId: 's3', connectionId: 'device', topic: 'sim/{{ask id}}', payload: '', qos: 0, retain: false, ratePerSecond: 1 })).toThrow('{{ask id}} has no one to answer it in a simulation: write the value into the template.')
    expect(() => simulations.start({ simulationId: 's4', connectionId: 'device', topic: 'sim/x', payload: '{{random 9}}', qos: 0, retain: false, ratePerSecond: 1 })).toThrow('{{random 9}} needs 2 numbers')
  })
})
