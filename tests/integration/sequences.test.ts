// Sequences against the test broker, through the handler table on the real services: timing held to the run's
// start (within 10% over 5 s), exact counts at a separate subscriber, N rounds, every T until stopped, and
// refusals and closed connections said in sentences.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlerTable } from '../../src/main/ipc/handlers'
import { dispatch, type HandlerTable } from '../../src/main/ipc/handlerTable'
import { createMainServices, type MainServices } from '../../src/main/services'
import type { SequenceStatus } from '../../src/shared/contract'
import { startTestBroker, type TestBroker } from '../support/broker'
import { testReceiver } from '../support/deltaReceiver'
import { optionsFor, requireMqtt5 } from './connectionKit'

let broker: TestBroker
let services: MainServices
let table: HandlerTable
let dataDir: string
let subscriber: MqttClient
const statuses: SequenceStatus[] = []
const received: Array<{ topic: string; payload: string; at: number }> = []

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['plain', 'acl'] })
  dataDir = await mkdtemp(join(tmpdir(), 'sequences-'))
  services = createMainServices({ dataDir, emit: (name, payload) => name === 'sequence:status' && statuses.push(payload as SequenceStatus) })
  table = createHandlerTable(services)
  await services.connections.connect('device', optionsFor(broker, 'plain'))
  subscriber = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.ports.plain}`, { reconnectPeriod: 0 })
  await subscriber.subscribeAsync('seq/#', { qos: 1 })
  subscriber.on('message', (topic, payload) => received.push({ topic, payload: payload.toString(), at: performance.now() }))
})
afterAll(async () => {
  await subscriber?.endAsync()
  await services?.dispose()
  await broker?.stop()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

async function until(what: string, predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** sequence:run as the renderer sends it (raw arguments, defaults left out); the first status, or the refusal's sentence. */
async function run(args: Record<string, unknown>): Promise<SequenceStatus> {
  const result = await dispatch(table, 'sequence:run', args, testReceiver())
  if (!result.ok) throw new Error(result.error.message)
  return result.value as SequenceStatus
}

const ended = (runId: string) => () => statuses.some((s) => s.runId === runId && s.state !== 'running')
const last = (runId: string) => statuses.filter((s) => s.runId === runId).at(-1)

describe('sequence runs', () => {
  it('sends 11 steps 500 ms apart: each on time to within 10% of 5 s, counts exact, variables filled per message', async () => {
    received.length = 0
    const steps = Array.from({ length: 11 }, (_, i) => ({ topic: `seq/timed/${i + 1}`, payload: '{"n":{{counter}},"id":"{{uuid}}"}', qos: 1, delayMs: i === 0 ? 0 : 500 }))
    const first = await run({ connectionId: 'device', sequence: { id: 'timed', name: 'Timed', steps }, mode: { kind: 'once' } })
    expect(first).toMatchObject({ state: 'running', sequenceId: 'timed', sequenceName: 'Timed', rounds: 1 })
    await until('the end of the run', ended(first.runId))
    await until('11 messages', () => received.length === 11)
    const start = received[0]!.at
    received.forEach((message, i) => expect(Math.abs(message.at - start - i * 500)).toBeLessThan(500))
    const span = received.at(-1)!.at - start
    expect(span).toBeGreaterThan(4_500)
    expect(span).toBeLessThan(5_500)
    expect(received.map((m) => m.topic)).toEqual(steps.map((s) => s.topic))
    const payloads = received.map((m) => JSON.parse(m.payload) as { n: number; id: string })
    expect(payloads.map((p) => p.n)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1))
    expect(new Set(payloads.map((p) => p.id)).size).toBe(11)
    expect(last(first.runId)).toMatchObject({ state: 'finished', step: 11, round: 1, sent: 11, acknowledged: 11, failed: 0, lastError: null })
    await pause(300)
    expect(received).toHaveLength(11)
  }, 20_000)

  it('keeps later steps on their time after a late timer (the event loop was busy)', async () => {
    received.length = 0
    const steps = Array.from({ length: 4 }, (_, i) => ({ topic: `seq/late/${i + 1}`, payload: 'x', qos: 1, delayMs: 100 }))
    const started = performance.now()
    const first = await run({ connectionId: 'device', sequence: { id: 'late', name: 'Late', steps }, mode: { kind: 'once' } })
    // Nothing runs for 250 ms: steps 1 and 2 (due at 100 and 200 ms) go out late, together.
    while (performance.now() - started < 250) continue
    await until('the end of the run', ended(first.runId))
    await until('4 messages', () => received.length === 4)
    const last = received.at(-1)!.at - started
    // Timed from the last send instead, step 4 would be due at 250 + 200 = 450 ms at the earliest.
    expect(last).toBeGreaterThanOrEqual(395)
    expect(last).toBeLessThan(445)
  })

  it('runs N rounds one after the other, with hex steps sent as bytes', async () => {
    received.length = 0
    const steps = [{ topic: 'seq/times/a', payload: '{{counter}}', qos: 2 }, { topic: 'seq/times/b', payload: '00ff', format: 'hex', delayMs: 20 }]
    const first = await run({ connectionId: 'device', sequence: { id: 'n', name: 'N', steps }, mode: { kind: 'times', times: 25 } })
    await until('the end of the run', ended(first.runId))
    await until('50 messages', () => received.length === 50)
    expect(received.filter((m) => m.topic === 'seq/times/a').map((m) => Number(m.payload))).toEqual(Array.from({ length: 25 }, (_, i) => 2 * i + 1))
    expect(received.filter((m) => m.topic === 'seq/times/b').every((m) => m.payload === '\u0000\uFFFD')).toBe(true)
    expect(last(first.runId)).toMatchObject({ state: 'finished', rounds: 25, round: 25, step: 2, sent: 50, acknowledged: 50, failed: 0 })
    // 24 gaps of 20 ms between the rounds' last steps: the whole run takes 25 × 20 ms.
    expect(received.at(-1)!.at - received[0]!.at).toBeGreaterThan(450)
  })

  it('starts a round every T ms from the run\'s start until stopped, then sends nothing more', async () => {
    received.length = 0
    const steps = [{ topic: 'seq/every/a', payload: 'a' }, { topic: 'seq/every/b', payload: 'b', delayMs: 50 }]
    const first = await run({ connectionId: 'device', sequence: { id: 'e', name: 'Every', steps }, mode: { kind: 'every', everyMs: 200 } })
    expect(first.rounds).toBeNull()
    await until('10 rounds', () => received.length >= 20)
    const stopped = await dispatch(table, 'sequence:stop', { runId: first.runId }, testReceiver())
    if (!stopped.ok) throw new Error(stopped.error.message)
    const status = stopped.value as SequenceStatus
    expect(status.state).toBe('stopped')
    await pause(500)
    expect(received.length).toBe(status.sent)
    expect(received.map((m) => m.topic)).toEqual(Array.from({ length: received.length }, (_, i) => (i % 2 === 0 ? 'seq/every/a' : 'seq/every/b')))
    // Round 10 starts 1,800 ms after round 1, however late the timers before it fired.
    const starts = received.filter((m) => m.topic === 'seq/every/a').map((m) => m.at - received[0]!.at)
    expect(Math.abs(starts[9]! - 1_800)).toBeLessThan(180)
    expect(last(first.runId)).toMatchObject({ state: 'stopped', failed: 0 })
    const again = await dispatch(table, 'sequence:stop', { runId: first.runId }, testReceiver())
    expect(again).toMatchObject({ ok: false, error: { message: 'That sequence run has already ended.' } })
  })

  it('counts a publish the broker refuses, with its reason as a sentence, and goes on', async (context) => {
    requireMqtt5(broker, context)
    await services.connections.connect('acl', optionsFor(broker, 'acl', { protocolVersion: 5, username: broker.users.name, password: broker.users.password }))
    const steps = [{ topic: 'seq/allowed', payload: 'ok', qos: 1 }, { topic: broker.aclDeniedTopic, payload: 'no', qos: 1, delayMs: 10 }]
    const first = await run({ connectionId: 'acl', sequence: { id: 'r', name: 'Refused', steps }, mode: { kind: 'times', times: 3 } })
    await until('the end of the run', ended(first.runId))
    expect(last(first.runId)).toMatchObject({
      state: 'finished',
      sent: 6,
      acknowledged: 3,
      failed: 3,
      lastError: `The broker refused the message to "${broker.aclDeniedTopic}": not authorized (0x87).`
    })
  })

  it('stops when its connection closes, and says so', async () => {
    await services.connections.connect('closing', optionsFor(broker, 'plain'))
    const first = await run({ connectionId: 'closing', sequence: { id: 'c', name: 'Closing', steps: [{ topic: 'seq/closing', payload: 'x', delayMs: 1_000 }] }, mode: { kind: 'every', everyMs: 1_000 } })
    await pause(100)
    await services.connections.disconnect('closing')
    await until('the end of the run', ended(first.runId))
    expect(last(first.runId)).toMatchObject({ state: 'stopped', sent: 0, lastError: 'The connection closed, so the sequence stopped. Connect again and run it anew.' })
  })

  it('fails with a sentence on a connection that is not open, and refuses steps it cannot fill before sending', async () => {
    const first = await run({ connectionId: 'nowhere', sequence: { id: 'x', name: 'X', steps: [{ topic: 'seq/x' }] }, mode: { kind: 'once' } })
    await until('the end of the run', ended(first.runId))
    expect(last(first.runId)).toMatchObject({ state: 'failed', sent: 1, failed: 1, lastError: expect.stringMatching(/\.$/) })
    await expect(run({ connectionId: 'device', sequence: { id: 'a', name: 'A', steps: [{ topic: 'seq/ok' }, { topic: 'seq/{{ask id}}' }] }, mode: { kind: 'once' } })).rejects.toThrow(
      'Step 2: {{ask id}} has no one to answer it in a sequence: write the value into the template.'
    )
    await expect(run({ connectionId: 'device', sequence: { id: 'w', name: 'W', steps: [{ topic: 'seq/+' }] }, mode: { kind: 'once' } })).rejects.toThrow(/^Step 1: .*\+/)
  })
})
