// Engine → model → coalescer → deltas (structured-cloned as IPC does), through the real services wiring, against the test broker.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import protobuf from 'protobufjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMainServices, type MainServices } from '../../src/main/services'
import { createHandlerTable } from '../../src/main/ipc/handlers'
import { dispatch, type HandlerTable } from '../../src/main/ipc/handlerTable'
import { DELTA_STRIDE, DeltaField, DeltaFlag, DeltaTopicNames, type ClearRetainedProgress, type EventName, type SearchProgress, type ModelDelta, type ReplyOf, type RequestName } from '../../src/shared/contract'
import { startTestBroker, type TestBroker } from '../support/broker'
import { optionsFor, requireMqtt5 } from './connectionKit'
import { testReceiver } from '../support/deltaReceiver'

let broker: TestBroker
let services: MainServices
let table: HandlerTable
let dataDir: string
const deltas: ModelDelta[] = []
const progress: ClearRetainedProgress[] = []
const searchProgress: SearchProgress[] = []
/** What a renderer would hold after applying the deltas: topic → count, retained, latest payload text. */
const received = new Map<string, { count: number; retained: boolean; payload: string }>()
/** The names of 'sub' as its delta receiver learns them. */
const receivedNames = new DeltaTopicNames()
/** Each delta of 'sub' with its changed topics' names. */
const namedDeltas: Array<{ delta: ModelDelta; topics: Array<string | undefined> }> = []
let prefixCounter = 0
const fresh = (): string => `model/${process.pid}/${++prefixCounter}`

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['plain', 'acl'] })
  dataDir = await mkdtemp(join(tmpdir(), 'model-it-'))
  services = createMainServices({
    dataDir,
    emit: (name: EventName, payload: unknown) => {
      if (name === 'model:clearProgress') progress.push(payload as ClearRetainedProgress)
      if (name === 'model:searchProgress') searchProgress.push(structuredClone(payload as SearchProgress))
    }
  })
  table = createHandlerTable(services)
  // The window: each delta structured-cloned as IPC does, applied, then confirmed like the page does.
  await call('model:openStream', {})
  await services.connections.connect('sub', optionsFor(broker, 'plain'))
  await services.connections.connect('pub', optionsFor(broker, 'plain'))
})

afterAll(async () => {
  await services?.dispose()
  await broker?.stop()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

function applyDelta(delta: ModelDelta): void {
  if (delta.reset) received.clear()
  for (const topic of delta.removed) received.delete(topic)
  const topics = receivedNames.read(delta)
  namedDeltas.push({ delta, topics })
  let offset = 0
  topics.forEach((topic, i) => {
    if (topic === undefined) throw new Error(`Delta ${delta.seq} tells topic ${i} by an id it never named.`)
    const at = (field: number): number => delta.numbers[i * DELTA_STRIDE + field] as number
    const length = at(DeltaField.previewLength)
    const payload = Buffer.from(delta.previews.subarray(offset, offset + length)).toString()
    offset += length
    received.set(topic, { count: at(DeltaField.messageCount), retained: (at(DeltaField.flags) & DeltaFlag.retainedTopic) !== 0, payload })
  })
}

/** Topics under `prefix` as the delta receiver sees them, and their total message count. */
function receivedUnder(prefix: string): { topics: number; messages: number } {
  let topics = 0
  let messages = 0
  for (const [topic, value] of received) {
    if (!topic.startsWith(`${prefix}/`)) continue
    topics++
    messages += value.count
  }
  return { topics, messages }
}

/** The window this test stands for: it applies each delta as IPC would hand it over, then confirms it. */
const window = testReceiver('window', (payload) => {
  const delta = structuredClone(payload)
  deltas.push(delta)
  if (delta.connectionId === 'sub') applyDelta(delta)
  void call('model:ack', { acks: [{ connectionId: delta.connectionId, seq: delta.seq }] })
})

async function call<N extends RequestName>(name: N, args: unknown): Promise<ReplyOf<N>> {
  const result = await dispatch(table, name, args, window)
  if (!result.ok) throw new Error(result.error.message)
  return result.value as ReplyOf<N>
}

async function until(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** QoS 1 for retained setup, so every value is stored at the broker before anyone subscribes. */
async function publishMany(topics: string[], perTopic: number, retain: boolean): Promise<void> {
  const sends: Array<Promise<unknown>> = []
  for (let round = 0; round < perTopic; round++) {
    for (const topic of topics) {
      sends.push(services.connections.publish('pub', { topic, payload: Buffer.from(`{"round":${round}}`), qos: retain ? 1 : 0, retain }))
    }
  }
  await Promise.all(sends)
}

describe('model fed by the engine', () => {
  it('counts every message exactly and sends each changed topic once per delta', async () => {
    const prefix = fresh()
    await services.connections.subscribe('sub', [{ filter: `${prefix}/#`, qos: 0 }])
    const topics = Array.from({ length: 20 }, (_, i) => `${prefix}/sensor/${i}`)
    const before = deltas.length
    await publishMany(topics, 100, false)
    await until('2,000 messages at the delta receiver', () => receivedUnder(prefix).messages === 2_000)

    const model = services.model.model('sub')
    for (const topic of topics) expect(model.topics.get(topic)?.count).toBe(100)
    const sent = namedDeltas.filter(({ delta }) => deltas.indexOf(delta) >= before)
    // Coalesced: far fewer deltas than messages, and no topic twice in one delta.
    expect(sent.length).toBeLessThan(200)
    for (const { topics: names } of sent) expect(new Set(names).size).toBe(names.length)
    expect(received.get(topics[3]!)?.payload).toBe('{"round":99}')

    const page = await call('model:history', { connectionId: 'sub', topic: topics[0], limit: 5 })
    expect(page.messages.map((m) => m.seq)).toEqual([100, 99, 98, 97, 96])
    const search = await call('model:search', { connectionId: 'sub', searchId: 'it-1', kind: 'filter', query: `${prefix}/sensor/+` })
    expect(search).toMatchObject({ status: 'complete' })
    expect(search.topics).toHaveLength(20)
    // Round 0 is only in the oldest message of each topic: main's history search finds it, and says so early.
    const inHistory = await call('model:search', { connectionId: 'sub', searchId: 'it-2', kind: 'payload', query: '{"round":0}', path: prefix, history: true })
    expect(inHistory).toMatchObject({ connectionId: 'sub', searchId: 'it-2', status: 'complete', total: 20 })
    expect(inHistory.topics.sort()).toEqual([...topics].sort())
    expect(searchProgress.find((p) => p.searchId === 'it-2')).toMatchObject({ connectionId: 'sub', total: 20, topics: [expect.any(String)] })
    const latestOnly = await call('model:search', { connectionId: 'sub', searchId: 'it-3', kind: 'payload', query: '{"round":0}', path: prefix })
    expect(latestOnly.topics).toEqual([])
  })

  it('clears the retained values of a subtree, acked and gone from the model and the delta receiver', async () => {
    const prefix = fresh()
    const topics = Array.from({ length: 300 }, (_, i) => `${prefix}/device/${i}`)
    await publishMany(topics, 1, true)
    await services.connections.subscribe('sub', [{ filter: `${prefix}/#`, qos: 1 }])
    await publishMany([`${prefix}/live`], 1, false)
    await until('retained topics at the delta receiver', () => receivedUnder(prefix).topics === 301)
    expect(received.get(topics[0]!)?.retained).toBe(true)

    const result = await call('model:clearRetained', { connectionId: 'sub', operationId: 'clear-1', path: prefix, subtree: true })
    expect(result).toMatchObject({ total: 300, cleared: 300, failed: 0, done: true, cancelled: false })
    expect(progress.at(-1)).toMatchObject({ operationId: 'clear-1', done: true, cleared: 300 })
    expect(services.model.model('sub').tree.find(`${prefix}/device`)).toBeUndefined()
    await until('cleared topics gone at the delta receiver', () => receivedUnder(prefix).topics === 1)
    // The non-retained sibling stays; the echoes of our clears did not bring topics back.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(receivedUnder(prefix).topics).toBe(1)
    expect(received.has(`${prefix}/live`)).toBe(true)

    // The broker holds no retained value under the prefix any more.
    await services.connections.connect('check', optionsFor(broker, 'plain'))
    const seen: string[] = []
    const stop = services.connections.onMessage((id, message) => id === 'check' && seen.push(message.topic))
    await services.connections.subscribe('check', [{ filter: `${prefix}/#`, qos: 1 }])
    await new Promise((resolve) => setTimeout(resolve, 300))
    stop()
    await services.connections.disconnect('check')
    expect(seen).toEqual([])
  })

  it('stops a clear when cancelled and says how far it got', async () => {
    const prefix = fresh()
    const topics = Array.from({ length: 2_000 }, (_, i) => `${prefix}/t/${i}`)
    await publishMany(topics, 1, true)
    await services.connections.subscribe('sub', [{ filter: `${prefix}/#`, qos: 0 }])
    await until('2,000 retained topics in the model', () => services.model.model('sub').tree.find(prefix)?.topicCount === 2_000)
    const running = call('model:clearRetained', { connectionId: 'sub', operationId: 'clear-2', path: prefix, subtree: true })
    await until('some progress', () => services.model.model('sub').tree.find(prefix)!.topicCount < 2_000, 5_000)
    expect((await call('model:cancelClearRetained', { operationId: 'clear-2' })).cancelled).toBe(true)
    const result = await running
    expect(result).toMatchObject({ done: true, cancelled: true, failed: 0 })
    expect(result.cleared).toBeLessThan(2_000)
    expect(services.model.model('sub').tree.find(prefix)?.topicCount).toBe(2_000 - result.cleared)
  })

  it('reports a clear the broker refused, with the reason as a sentence', async (context) => {
    // Only MQTT 5 lets the broker say it refused a publish: 3.1.1 acknowledges and drops it.
    requireMqtt5(broker, context)
    const options = optionsFor(broker, 'acl', { protocolVersion: 5, username: broker.users.name, password: broker.users.password })
    await services.connections.connect('acl', options)
    const result = await call('model:clearRetained', { connectionId: 'acl', operationId: 'clear-denied', path: broker.aclDeniedTopic })
    expect(result).toMatchObject({ total: 1, cleared: 0, failed: 1, done: true })
    expect(result.error).toMatch(/\w+ .*\./)
    await services.connections.disconnect('acl')
  })

  it('reads Protobuf payloads in a decoded search by the rules the connection profile has saved now', async () => {
    const prefix = fresh()
    const source = 'syntax = "proto3"; package plant; message Reading { double value = 1; string state = 2; }'
    // The independent encoder: protobufjs's own encode over its parse of the same text.
    const Reading = protobuf.parse(source, { keepCase: true }).root.lookupType('plant.Reading')
    const decoders = { protoFiles: [{ name: 'plant.proto', source }], protobufRules: [{ filter: `${prefix}/#`, type: 'plant.Reading' }], pins: [] }
    const { profile } = await call('profile:save', { name: `Protobuf ${prefix}`, options: optionsFor(broker, 'plain'), subscriptions: [{ filter: `${prefix}/#`, qos: 1 }], decoders })
    await call('profile:connect', { connectionId: 'pb', profileId: profile.id })
    await services.connections.publish('pub', { topic: `${prefix}/press`, payload: Buffer.from(Reading.encode(Reading.fromObject({ value: 4.5, state: 'overpressure' })).finish()), qos: 1, retain: false })
    await until('the Protobuf message in the model', () => services.model.model('pb').topics.has(`${prefix}/press`))

    const search = (searchId: string): Promise<ReplyOf<'model:search'>> => call('model:search', { connectionId: 'pb', searchId, kind: 'payload', query: '"state":"overpressure"', decoded: true })
    expect((await search('pb-1')).topics).toEqual([`${prefix}/press`])
    // The rule taken away in the profile: the same search no longer reads the bytes as a Reading.
    await call('profile:save', { id: profile.id, name: profile.name, options: optionsFor(broker, 'plain'), decoders: { ...decoders, protobufRules: [] } })
    expect((await search('pb-2')).topics).toEqual([])
  })
})
