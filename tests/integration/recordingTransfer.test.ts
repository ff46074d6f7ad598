// Export and import of recordings through the real handler table and services, recorded from the test broker.
import { join } from 'node:path'
import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ArgsOf, RecordingSummary, ReplyOf, RequestName, Result } from '../../src/shared/contract'
import { dispatch } from '../../src/main/ipc/handlerTable'
import { createHandlerTable } from '../../src/main/ipc/handlers'
import { tempDataDir } from '../../src/main/profiles/testSupport'
import { isoMicros } from '../../src/main/recording/csvExport'
import { RecordingFile, type RecordedMessage } from '../../src/main/recording/recordingFile'
import { createMainServices, type MainServices } from '../../src/main/services'
import { startTestBroker, type TestBroker } from '../support/broker'
import { testReceiver } from '../support/deltaReceiver'
import { requireMqtt5 } from './connectionKit'

let broker: TestBroker
let publisher: MqttClient
let data: ReturnType<typeof tempDataDir>
let services: MainServices
let call: <N extends RequestName>(name: N, args: ArgsOf<N>) => Promise<Result<ReplyOf<N>>>

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['plain'] })
  publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.ports.plain}`, { protocolVersion: 5, reconnectPeriod: 0 })
})
afterAll(async () => {
  await publisher?.endAsync()
  await broker?.stop()
})
beforeEach(() => {
  data = tempDataDir()
  services = createMainServices({ dataDir: data.dir, emit: () => undefined })
  const table = createHandlerTable(services)
  call = (name, args) => dispatch(table, name, args, testReceiver()) as never
})
afterEach(async () => {
  await services.dispose()
  data.cleanup()
})

async function value<N extends RequestName>(name: N, args: ArgsOf<N>): Promise<ReplyOf<N>> {
  const result = await call(name, args)
  if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`)
  return result.value
}

async function until(what: string, predicate: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function readAll(summary: RecordingSummary): RecordedMessage[] {
  const file = RecordingFile.open(join(data.dir, 'recordings', `${summary.id}.bsrec`))
  try {
    return [...file.messages()]
  } finally {
    file.close()
  }
}

const hex = (bytes: Uint8Array | undefined): string | undefined => (bytes ? Buffer.from(bytes).toString('hex') : undefined)
/** Every field, bytes as hex (SQLite and MessagePack read bytes back as Buffers). */
const comparable = (m: RecordedMessage): unknown => ({ ...m, payload: hex(m.payload), properties: m.properties && { ...m.properties, correlationData: hex(m.properties.correlationData) } })

describe('recording export and import', () => {
  it('exports a recording of MQTT 5 traffic as JSON Lines and imports it back with every byte, flag, property and time', async (context) => {
    requireMqtt5(broker, context)
    const prefix = `transfer/${process.pid}`
    const { profile } = await value('profile:save', {
      name: 'Plain v5',
      options: { protocol: 'mqtt', host: broker.host, port: broker.ports.plain!, protocolVersion: 5, reconnectPeriodMs: 0 },
      subscriptions: [{ filter: `${prefix}/#`, qos: 2 }]
    })
    await value('profile:connect', { connectionId: 'c1', profileId: profile.id })
    const started = await value('recording:start', { connectionId: 'c1', name: 'Transfer test', filters: [] })
    await publisher.publishAsync(`${prefix}/retained`, Buffer.from([0, 0xff, 0x80, 10]), { qos: 1, retain: true })
    for (let i = 0; i < 300; i++) {
      const payload = i % 2 ? Buffer.from(`{"i":${i},"text":"a,b\\n"}`) : Buffer.from(Uint8Array.from({ length: i % 40 }, (_, j) => (i * 13 + j) & 0xff))
      await publisher.publishAsync(`${prefix}/t${i % 9}`, payload, {
        qos: (i % 3) as 0 | 1 | 2,
        properties: {
          correlationData: Buffer.from([i & 0xff, 0, 0xfe]),
          userProperties: { line: '4', dup: ['a', 'b'] },
          contentType: 'application/json',
          responseTopic: `${prefix}/reply`,
          messageExpiryInterval: 3_600,
          payloadFormatIndicator: i % 2 === 1
        }
      })
    }
    await until('301 messages recorded', async () => (await value('recording:list', {})).recordings[0]?.received === 301)
    const stopped = await value('recording:stop', { connectionId: 'c1' })
    expect(stopped).toMatchObject({ received: 301, written: 301, notWritten: 0 })

    const exported = await value('recording:export', { recordingId: started.id, format: 'jsonl' })
    expect(exported.fileName).toBe(`${started.id}.jsonl`)
    const imported = await value('recording:import', { bytes: exported.bytes })
    expect(imported).toMatchObject({ name: 'Transfer test', connectionId: 'c1', startedAt: stopped.startedAt, stoppedAt: stopped.stoppedAt, received: 301, written: 301, notWritten: 0, problem: null })
    expect((await value('recording:list', {})).recordings.map((r) => r.id).sort()).toEqual([started.id, imported.id].sort())

    const original = readAll(stopped)
    expect(original).toHaveLength(301)
    // The properties as the broker passed them on, user properties in order with repeated keys.
    expect(original[1]?.properties).toMatchObject({ userProperties: [['line', '4'], ['dup', 'a'], ['dup', 'b']], payloadFormatIndicator: false, messageExpiryInterval: expect.any(Number) })
    expect(original.some((m) => m.retain === false && m.qos === 2)).toBe(true)
    expect(readAll(imported).map(comparable)).toEqual(original.map(comparable))

    const csv = new TextDecoder().decode((await value('recording:export', { recordingId: imported.id, format: 'csv' })).bytes)
    const rows = csv.split('\r\n')
    expect(rows[0]).toBe('received_at,epoch_us,topic,qos,retain,dup,size,payload')
    const first = original[0] as RecordedMessage
    expect(rows[1]).toBe(`${isoMicros(first.receivedAtMicros)},${first.receivedAtMicros},${prefix}/retained,1,false,false,4,base64:AP+ACg==`)
  })

  it('answers a bad import with a sentence naming the line, and lists nothing new', async () => {
    const bad = await call('recording:import', { bytes: new TextEncoder().encode('{"format":"brokerscope-recording","version":1}\n') })
    expect(bad).toEqual({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/^Line 1 is not a valid recording header: the field "name" is missing\./) } })
    const missing = await call('recording:export', { recordingId: 'nothing-here', format: 'jsonl' })
    expect(missing).toEqual({ ok: false, error: { code: 'not-found', message: 'This recording is no longer on disk. Reload the list of recordings.' } })
    expect((await value('recording:list', {})).recordings).toEqual([])
  })
})
