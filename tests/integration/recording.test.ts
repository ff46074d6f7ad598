// Recording a live connection against the test broker: every message, byte and property kept, limits, a full disk.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RecordingSummary } from '../../src/shared/contract'
import { ConnectionManager } from '../../src/main/mqtt/connectionManager'
import { RecordingService } from '../../src/main/recording/recordingService'
import { RECORDING_FORMAT, RecordingFile, type RecordedMessage } from '../../src/main/recording/recordingFile'
import { startTestBroker, type TestBroker } from '../support/broker'
import { optionsFor, requireMqtt5 } from './connectionKit'

let broker: TestBroker
let publisher: MqttClient
let root: string
const cleanups: Array<() => Promise<void> | void> = []

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['plain'] })
  publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.ports.plain}`, { protocolVersion: 5, reconnectPeriod: 0 })
  root = mkdtempSync(join(tmpdir(), 'recording-it-'))
})
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
afterAll(async () => {
  await publisher?.endAsync()
  await broker?.stop()
  rmSync(root, { recursive: true, force: true })
})

/** A connection to the broker with a recording service writing into `dir`, fed as main's services feed it. */
async function recordingSetup(dir: string, statuses: RecordingSummary[] = []) {
  const connections = new ConnectionManager()
  const recordings = new RecordingService({ dir, emit: (_name, status) => statuses.push(status as RecordingSummary), describe: () => ({ name: 'Plain' }) })
  const stop = connections.onMessage((connectionId, message) => recordings.ingest(connectionId, message))
  await connections.connect('rec', optionsFor(broker, 'plain', { protocolVersion: 5 }))
  cleanups.push(async () => {
    stop()
    recordings.dispose()
    await connections.dispose()
  })
  return { connections, recordings, statuses }
}

async function until(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function readAll(path: string): { messages: RecordedMessage[]; damage: string | null } {
  const file = RecordingFile.open(path)
  try {
    const messages = [...file.messages()]
    return { messages, damage: file.damage }
  } finally {
    file.close()
  }
}

describe('recording a connection', () => {
  it('keeps every message with its bytes, flags, MQTT 5 properties and order, and says nothing was lost', async (context) => {
    requireMqtt5(broker, context)
    const dir = join(root, 'all')
    const { connections, recordings } = await recordingSetup(dir)
    const prefix = `rec/${process.pid}/all`
    await connections.subscribe('rec', [{ filter: `${prefix}/#`, qos: 1 }])
    const started = recordings.start({ connectionId: 'rec', name: 'Line 4 test', filters: [] })
    const sent: Array<{ topic: string; payload: Buffer; correlation: Buffer }> = []
    for (let i = 0; i < 2_000; i++) {
      const payload = Buffer.from(Uint8Array.from({ length: 1 + (i % 300) }, (_, j) => (i * 7 + j) & 0xff))
      const correlation = Buffer.from(`req-${i}`)
      sent.push({ topic: `${prefix}/t${i % 50}`, payload, correlation })
    }
    // In batches that the recorder has caught up with: Mosquitto queues at most 1,000 QoS 1 messages for a
    // subscriber and drops the rest, which a loaded machine would otherwise see as lost messages.
    for (let from = 0; from < sent.length; from += 500) {
      await Promise.all(
        sent.slice(from, from + 500).map(({ topic, payload, correlation }) =>
          publisher.publishAsync(topic, payload, { qos: 1, properties: { correlationData: correlation, userProperties: { line: '4' }, contentType: 'application/octet-stream' } })
        )
      )
      await until(`${from + 500} messages received`, () => recordings.list()[0]!.received === Math.min(from + 500, sent.length))
    }
    const stopped = recordings.stop('rec')
    expect(stopped).toMatchObject({ id: started.id, name: 'Line 4 test', active: false, received: 2_000, written: 2_000, notWritten: 0, endReason: null })

    const { messages, damage } = readAll(join(dir, `${started.id}.bsrec`))
    expect(damage).toBeNull()
    expect(messages).toHaveLength(2_000)
    const byTopic = new Map<string, Buffer[]>()
    for (const { topic, payload } of sent) byTopic.set(topic, [...(byTopic.get(topic) ?? []), payload])
    // Per topic the broker keeps the order; every byte and property as sent.
    for (const [topic, payloads] of byTopic) {
      const recorded = messages.filter((m) => m.topic === topic)
      expect(recorded.map((m) => Buffer.from(m.payload).toString('hex'))).toEqual(payloads.map((p) => p.toString('hex')))
    }
    const first = messages.find((m) => m.topic === `${prefix}/t0`) as RecordedMessage
    expect(first).toMatchObject({ qos: 1, retain: false, dup: false })
    expect(first.properties).toMatchObject({ contentType: 'application/octet-stream', userProperties: [['line', '4']] })
    expect(Buffer.from(first.properties?.correlationData ?? []).toString()).toBe('req-0')
    expect(Math.abs(first.receivedAtMicros / 1000 - Date.now())).toBeLessThan(60_000)
    expect(recordings.list()[0]).toMatchObject({ id: started.id, active: false, written: 2_000, problem: null })
  })

  it('records only what matches its filters, and reports its counts while it runs', async () => {
    const dir = join(root, 'filters')
    const { connections, recordings, statuses } = await recordingSetup(dir)
    const prefix = `rec/${process.pid}/filters`
    await connections.subscribe('rec', [{ filter: `${prefix}/#`, qos: 0 }])
    recordings.start({ connectionId: 'rec', filters: [`${prefix}/keep/+`] })
    for (let i = 0; i < 20; i++) {
      await publisher.publishAsync(`${prefix}/keep/${i}`, 'k', { qos: 1 })
      await publisher.publishAsync(`${prefix}/drop/${i}`, 'd', { qos: 1 })
    }
    await until('a status with all 20 kept', () => statuses.some((s) => s.active && s.received === 20), 5_000)
    const stopped = recordings.stop('rec')
    expect(stopped).toMatchObject({ received: 20, written: 20, notWritten: 0 })
    expect(statuses.at(-1)).toMatchObject({ active: false, written: 20 })
  })

  it('stops by itself at its size limit, with what it wrote readable and every message accounted for', async () => {
    const dir = join(root, 'limit')
    const { connections, recordings, statuses } = await recordingSetup(dir)
    const prefix = `rec/${process.pid}/limit`
    await connections.subscribe('rec', [{ filter: `${prefix}/#`, qos: 1 }])
    const started = recordings.start({ connectionId: 'rec', filters: [], maxMegabytes: 1 })
    const payload = Buffer.alloc(20_000, 7)
    for (let i = 0; i < 100; i++) await publisher.publishAsync(`${prefix}/big`, payload, { qos: 1 })
    await until('the recording to end', () => statuses.some((s) => !s.active))
    const ended = statuses.find((s) => !s.active) as RecordingSummary
    expect(ended.endReason).toBe('The recording reached its size limit of 1 MB and stopped.')
    expect(ended.written).toBeGreaterThan(0)
    expect(ended.written + ended.notWritten).toBe(ended.received)
    expect(readAll(join(dir, `${started.id}.bsrec`)).messages).toHaveLength(ended.written)
  })

  it('stops with a sentence when the disk is full, and what was written stays readable', async (context) => {
    const dir = join(root, 'full')
    mkdirSync(dir)
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', dir], { stdio: 'ignore' })
    } catch {
      context.skip('a small disk needs a tmpfs mount, which needs root (CI runs as root)')
    }
    cleanups.push(() => {
      execFileSync('umount', [dir], { stdio: 'ignore' })
    })
    const { connections, recordings, statuses } = await recordingSetup(dir)
    const prefix = `rec/${process.pid}/full`
    await connections.subscribe('rec', [{ filter: `${prefix}/#`, qos: 1 }])
    const started = recordings.start({ connectionId: 'rec', filters: [] })
    const payload = Buffer.alloc(10_000, 3)
    // A few at a time, so several batches are written before the disk fills.
    for (let i = 0; i < 40 && !statuses.some((s) => !s.active); i++) {
      await Promise.all(Array.from({ length: 5 }, () => publisher.publishAsync(`${prefix}/fill`, payload, { qos: 1 })))
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
    await until('the recording to end', () => statuses.some((s) => !s.active))
    const ended = statuses.find((s) => !s.active) as RecordingSummary
    expect(ended.endReason).toMatch(/^The disk holding .+ is full: recording stopped\. What was written is kept and can be opened\.$/)
    expect(ended.notWritten).toBeGreaterThan(0)
    expect(ended.written + ended.notWritten).toBe(ended.received)
    expect(readAll(join(dir, `${started.id}.bsrec`)).messages.length).toBeGreaterThan(0)
  })
})

describe('recording files that are damaged or newer', () => {
  const meta = (name: string) => ({ format: RECORDING_FORMAT, name, connectionId: 'c', profile: null, filters: [], startedAt: 1, stoppedAt: 2, received: 3, written: 3, notWritten: 0, notWrittenReason: null })

  it('lists a file that is not a recording with a sentence naming it, and reads the intact part of a truncated one', () => {
    const dir = join(root, 'damaged')
    mkdirSync(dir)
    writeFileSync(join(dir, 'garbage.bsrec'), 'not sqlite at all')
    const path = join(dir, 'truncated.bsrec')
    const file = RecordingFile.create(path, meta('Truncated'))
    file.append(Array.from({ length: 3_000 }, (_, i) => ({ topic: `t/${i % 10}`, payload: Buffer.alloc(200, i & 0xff), qos: 0 as const, retain: false, dup: false, receivedAtMicros: i })))
    file.close()
    truncateSync(path, Math.floor(statSync(path).size * 0.6))

    const recordings = new RecordingService({ dir, emit: () => undefined, describe: () => null })
    const listed = recordings.list()
    expect(listed.find((r) => r.id === 'garbage')?.problem).toMatch(/^The recording .*garbage\.bsrec could not be read \(.+\)\. It may be damaged or not a recording of this app\.$/)
    const { messages, damage } = readAll(path)
    expect(messages.length).toBeGreaterThan(0)
    expect(messages.length).toBeLessThan(3_000)
    expect(damage).toMatch(/^The recording .*truncated\.bsrec was cut short; the messages up to where it ends are shown\. Reading stopped after message \d+ \(.+\); the messages before it are shown\.$/)
  })

  it('refuses a recording written by a newer version politely', () => {
    const path = join(root, 'newer.bsrec')
    RecordingFile.create(path, { ...meta('Future'), format: RECORDING_FORMAT + 1 }).close()
    expect(() => RecordingFile.open(path)).toThrow(`The recording ${path} was made by a newer version of Brokerscope (format ${RECORDING_FORMAT + 1}). Update the app to open it.`)
  })
})
