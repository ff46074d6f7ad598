// Replaying recordings onto the test broker: every byte, flag and property arrives as recorded at a separate
// subscriber, behind a prefix; the recorded timing is kept at 1× and scaled at N×; pause, resume, cancel, filters.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ReplayStatus } from '../../src/shared/contract'
import { ConnectionManager } from '../../src/main/mqtt/connectionManager'
import { RECORDING_FORMAT, RecordingFile, type RecordedMessage } from '../../src/main/recording/recordingFile'
import { ReplayService } from '../../src/main/recording/replayService'
import { startTestBroker, type TestBroker } from '../support/broker'
import { optionsFor, requireMqtt5 } from './connectionKit'

let broker: TestBroker
let root: string
let connections: ConnectionManager
let subscriber: MqttClient
const statuses: ReplayStatus[] = []
let replays: ReplayService
/** What the subscriber received under replay/, with the time it arrived. */
const received: Array<{ packet: IPublishPacket; at: number }> = []

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['plain'] })
  root = mkdtempSync(join(tmpdir(), 'replay-it-'))
  connections = new ConnectionManager()
  await connections.connect('target', optionsFor(broker, 'plain', { protocolVersion: 5 }))
  replays = new ReplayService({ open: (id) => RecordingFile.open(join(root, `${id}.bsrec`)), publish: (id, message) => connections.publish(id, message), publishBurst: (id, messages) => connections.publishBurst(id, messages), emit: (_name, status) => statuses.push(status as ReplayStatus) })
  subscriber = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.ports.plain}`, { protocolVersion: 5, reconnectPeriod: 0 })
  // Retain as published: a replayed retained message arrives with its flag, as it was recorded.
  await subscriber.subscribeAsync('replay/#', { qos: 2, rap: true })
  subscriber.on('message', (_topic, _payload, packet) => received.push({ packet, at: performance.now() }))
})
afterEach(() => {
  received.length = 0
  statuses.length = 0
})
afterAll(async () => {
  await replays?.dispose()
  await subscriber?.endAsync()
  await connections?.dispose()
  await broker?.stop()
  rmSync(root, { recursive: true, force: true })
})

/** A recording file `id` holding `messages`. */
function recording(id: string, messages: RecordedMessage[]): void {
  const file = RecordingFile.create(join(root, `${id}.bsrec`), {
    format: RECORDING_FORMAT, name: id, connectionId: 'rec', profile: null, filters: [], startedAt: Date.now(), stoppedAt: Date.now(),
    received: messages.length, written: messages.length, notWritten: 0, notWrittenReason: null
  })
  file.append(messages)
  file.close()
}

async function until(what: string, predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** What arrived under `replay/<first level>/`: each test replays its own topics, so stragglers of another are not counted. */
const arrived = (level: string): Array<{ packet: IPublishPacket; at: number }> => received.filter(({ packet }) => packet.topic.startsWith(`replay/${level}/`))

const ended = (replayId: string): ReplayStatus | undefined => statuses.find((s) => s.replayId === replayId && s.state !== 'running' && s.state !== 'paused')

describe('replaying a recording', () => {
  it('publishes every message behind the prefix with its bytes, QoS, retain flag and MQTT 5 properties', async (context) => {
    requireMqtt5(broker, context)
    const messages = Array.from({ length: 300 }, (_, i): RecordedMessage => ({
      topic: `plant/line${i % 3}/m${i}`,
      payload: Uint8Array.from({ length: i % 50 }, (_, j) => (i * 31 + j) & 0xff),
      qos: (i % 3) as 0 | 1 | 2,
      retain: i % 7 === 0,
      dup: false,
      receivedAtMicros: 1_700_000_000_000_000 + i * 10,
      ...(i % 2 === 0
        ? { properties: { contentType: 'application/octet-stream', correlationData: Uint8Array.of(i & 0xff, 1, 2), responseTopic: `reply/${i}`, userProperties: [['site', 'A'], ['n', String(i)]] as Array<[string, string]>, payloadFormatIndicator: false, subscriptionIdentifiers: [5], messageExpiryInterval: 3_600 } }
        : {})
    }))
    recording('bytes', messages)
    const first = replays.start({ replayId: 'r-bytes', recordingId: 'bytes', connectionId: 'target', speed: null, prefix: 'replay/', filters: [] })
    expect(first).toMatchObject({ state: 'running', total: 300 })
    await until('all 300 replayed', () => arrived('plant').length === 300)
    await until('the end of the replay', () => ended('r-bytes') !== undefined)
    expect(ended('r-bytes')).toMatchObject({ state: 'finished', read: 300, sent: 300, acknowledged: 300, refused: 0, error: null })
    const byTopic = new Map(received.map(({ packet }) => [packet.topic, packet]))
    for (const [i, message] of messages.entries()) {
      const packet = byTopic.get(`replay/${message.topic}`)
      expect(packet, `message ${i}`).toBeDefined()
      expect(new Uint8Array(packet!.payload as Buffer)).toEqual(message.payload)
      expect(packet!.qos).toBe(message.qos)
      expect(packet!.retain).toBe(message.retain)
      const properties = packet!.properties ?? {}
      if (message.properties) {
        expect(properties).toMatchObject({ contentType: 'application/octet-stream', responseTopic: `reply/${i}`, userProperties: { site: 'A', n: String(i) } })
        expect(new Uint8Array(properties.correlationData as Buffer)).toEqual(message.properties.correlationData)
        expect(properties.messageExpiryInterval).toBeGreaterThan(3_590)
      } else {
        expect(properties.contentType).toBeUndefined()
      }
    }
    // Retained copies stay at the broker under the prefix only; clear them so later tests start clean.
    const retained = messages.filter((m) => m.retain)
    await Promise.all(retained.map((m) => subscriber.publishAsync(`replay/${m.topic}`, Buffer.alloc(0), { retain: true, qos: 1 })))
    await until('the cleared copies', () => received.length === 300 + retained.length)
  })

  it('keeps the recorded timing at 1× (within 5% over 10 s) and scales it at 10×', async () => {
    // 101 messages 100 ms apart: ten seconds.
    recording('timing', Array.from({ length: 101 }, (_, i) => ({ topic: `timing/${i}`, payload: Uint8Array.of(i), qos: 0, retain: false, dup: false, receivedAtMicros: 1_700_000_000_000_000 + i * 100_000 })))
    replays.start({ replayId: 'r-1x', recordingId: 'timing', connectionId: 'target', speed: 1, prefix: 'replay/', filters: [] })
    await until('the 1× replay', () => arrived('timing').length === 101, 20_000)
    const slow = arrived('timing')
    const span = (slow.at(-1)!.at - slow[0]!.at) / 1000
    expect(span).toBeGreaterThan(9.5)
    expect(span).toBeLessThan(10.5)
    // Each message on time too: none drifts more than 5% of the elapsed time from its schedule.
    for (const [i, { at }] of slow.entries()) expect(Math.abs((at - slow[0]!.at) / 1000 - i * 0.1)).toBeLessThan(0.5)
    received.length = 0
    replays.start({ replayId: 'r-10x', recordingId: 'timing', connectionId: 'target', speed: 10, prefix: 'replay/', filters: [] })
    await until('the 10× replay', () => arrived('timing').length === 101)
    const quick = arrived('timing')
    const fast = (quick.at(-1)!.at - quick[0]!.at) / 1000
    expect(fast).toBeGreaterThan(0.9)
    expect(fast).toBeLessThan(1.3)
  }, 40_000)

  it('pauses, resumes and cancels, replays only what its filters match, and reports each step', async () => {
    recording('control', Array.from({ length: 60 }, (_, i) => ({ topic: i % 2 === 0 ? `even/${i}` : `odd/${i}`, payload: Uint8Array.of(i), qos: 1, retain: false, dup: false, receivedAtMicros: 1_700_000_000_000_000 + i * 50_000 })))
    replays.start({ replayId: 'r-ctl', recordingId: 'control', connectionId: 'target', speed: 1, prefix: 'replay/', filters: ['even/#'] })
    const control = (): number => arrived('even').length + arrived('odd').length
    await until('a few messages', () => control() >= 3)
    expect(replays.control('r-ctl', 'pause')).toMatchObject({ state: 'paused' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    const atPause = control()
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(control()).toBe(atPause)
    expect(replays.control('r-ctl', 'resume')).toMatchObject({ state: 'running' })
    await until('more after resuming', () => control() >= atPause + 3)
    replays.control('r-ctl', 'cancel')
    await until('the cancelled end', () => ended('r-ctl') !== undefined)
    const end = ended('r-ctl')!
    expect(end.state).toBe('cancelled')
    expect(end.sent).toBeLessThan(30)
    expect(arrived('odd')).toEqual([])
    expect(statuses.filter((s) => s.replayId === 'r-ctl').map((s) => s.state)).toEqual(expect.arrayContaining(['paused', 'running', 'cancelled']))
    expect(() => replays.control('r-ctl', 'resume')).toThrow('That replay has already ended.')
  })

  it('stops with a sentence when the connection closes under it', async () => {
    await connections.connect('closing', optionsFor(broker, 'plain'))
    recording('long', Array.from({ length: 50 }, (_, i) => ({ topic: `long/${i}`, payload: Uint8Array.of(i), qos: 1, retain: false, dup: false, receivedAtMicros: 1_700_000_000_000_000 + i * 100_000 })))
    replays.start({ replayId: 'r-close', recordingId: 'long', connectionId: 'closing', speed: 1, prefix: 'replay/', filters: [] })
    await until('a first message', () => arrived('long').length >= 2)
    await connections.disconnect('closing')
    await until('the failed end', () => ended('r-close') !== undefined, 10_000)
    expect(ended('r-close')).toMatchObject({ state: 'failed', error: expect.stringMatching(/The replay stopped after \d+ messages\.$/) })
  })
})
