import { once } from 'node:events'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import type { AddressInfo, Socket } from 'node:net'
import { join } from 'node:path'
import mqtt, { type MqttClient } from 'mqtt'
import WebSocket, { WebSocketServer } from 'ws'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestBroker, type TestBroker } from '../../tests/support/broker'
import { openWireClient, type StreamLog, type WireClient } from '../../tests/support/wireClient'
import { DELTA_STRIDE, DeltaField, DeltaTopicNames, type ConnectionStatus, type ModelDelta } from '../shared/contract'
import { splitFrame } from '../shared/wire/chunks'
import { encodeFrame } from '../shared/wire/codec'
import { startHeadless, type Headless } from './headless'
import { SocketHub } from './socketHub'

describe('headless server over WebSocket, against a real broker', () => {
  let root: string
  let broker: TestBroker
  let server: Headless
  let observer: MqttClient
  const clients: WireClient[] = []
  const streams = new Map<WireClient, StreamLog>()

  /** A socket as the page opens one: its delta stream open, each delta confirmed unless `acks` is false. */
  const open = async (acks = true): Promise<WireClient> => {
    const client = await openWireClient({ serverOrigin: server.origin, token: server.token.value })
    clients.push(client)
    streams.set(client, await client.openStream({ acks }))
    return client
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'headless-ws-'))
    await mkdir(join(root, 'renderer'))
    await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html>')
    broker = await startTestBroker({ listeners: ['plain'] })
    server = await startHeadless({ host: '127.0.0.1', port: 0, dataDir: join(root, 'data'), rendererDir: join(root, 'renderer'), env: {}, allowedHosts: [] })
    observer = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.ports.plain}`, { reconnectPeriod: 0 })
  })
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()))
    await observer?.endAsync()
    await server?.stop()
    await broker?.stop()
    await rm(root, { recursive: true, force: true })
  })

  it('runs requests through the handler table and sends every event to every socket', async () => {
    const first = await open()
    const second = await open()
    const connected = (payload: unknown): boolean => (payload as ConnectionStatus).connectionId === 'c1' && (payload as ConnectionStatus).state === 'connected'
    const saved = await first.call('profile:save', { name: 'Plain', options: { protocol: 'mqtt', host: '127.0.0.1', port: broker.ports.plain, reconnectPeriodMs: 0 }, subscriptions: [] })
    const profileId = (saved as { value: { profile: { id: string } } }).value.profile.id
    const reply = await first.call('profile:connect', { connectionId: 'c1', profileId })
    expect(reply).toEqual({ ok: true, value: { connectionId: 'c1', subscriptions: [] } })
    await Promise.all([first.waitForEvent('connection:status', connected), second.waitForEvent('connection:status', connected)])
    expect(await second.call('connection:list', {})).toMatchObject({ ok: true, value: { connections: [{ connectionId: 'c1', state: 'connected' }] } })
  })

  it('carries a Uint8Array payload byte for byte to the broker', async () => {
    const client = clients[0] ?? (await open())
    const payload = Uint8Array.from({ length: 256 }, (_, i) => i)
    await observer.subscribeAsync('headless/bytes', { qos: 1 })
    const arrived = new Promise<Buffer>((resolve) => observer.once('message', (_topic, message) => resolve(message)))
    const reply = await client.call('connection:publish', { connectionId: 'c1', topic: 'headless/bytes', payload, qos: 1 })
    expect(reply.ok).toBe(true)
    expect([...(await arrived)]).toEqual([...payload])
  })

  it('carries a 70 MB publish, more than one WebSocket frame may hold, to the broker in chunks', async () => {
    const client = clients[0] ?? (await open())
    const payload = new Uint8Array(70 << 20)
    for (let i = 0; i < payload.length; i += 4096) payload[i] = (i >> 12) & 0xff
    await observer.subscribeAsync('headless/big', { qos: 1 })
    const arrived = new Promise<Buffer>((resolve) => observer.once('message', (_topic, message) => resolve(message)))
    const reply = await client.call('connection:publish', { connectionId: 'c1', topic: 'headless/big', payload, qos: 1 })
    expect(reply.ok).toBe(true)
    expect(Buffer.from(payload).equals(await arrived)).toBe(true)
  }, 60_000)

  it('carries received bytes back to the page inside a delta, intact', async () => {
    const client = clients[0] ?? (await open())
    expect(await client.call('connection:subscribe', { connectionId: 'c1', subscriptions: [{ filter: 'headless/in', qos: 1 }] })).toMatchObject({ ok: true })
    const payload = Uint8Array.from([0, 255, 1, 254, 0x7b, 0x22])
    await observer.publishAsync('headless/in', Buffer.from(payload), { qos: 1 })
    // A new topic is named in the first delta that carries it.
    const delta = (await client.waitForEvent('model:delta', (d) => (d as ModelDelta).names.includes('headless/in'))) as ModelDelta
    const id = delta.nameIds[delta.names.indexOf('headless/in')]
    let index = 0
    while (delta.numbers[index * DELTA_STRIDE + DeltaField.topicId] !== id) index++
    let offset = 0
    for (let i = 0; i < index; i++) offset += delta.numbers[i * DELTA_STRIDE + DeltaField.previewLength] as number
    const length = delta.numbers[index * DELTA_STRIDE + DeltaField.previewLength] as number
    expect(delta.previews).toBeInstanceOf(Uint8Array)
    expect([...delta.previews.subarray(offset, offset + length)]).toEqual([...payload])
  })

  it('answers with a 40 MB payload, more than the socket may buffer at once, in chunks', async () => {
    const client = clients[0] ?? (await open())
    expect(await client.call('connection:subscribe', { connectionId: 'c1', subscriptions: [{ filter: 'headless/large', qos: 0 }] })).toMatchObject({ ok: true })
    const payload = Buffer.alloc(40 << 20)
    for (let i = 0; i < payload.length; i += 4096) payload[i] = (i >> 12) & 0xff
    await observer.publishAsync('headless/large', payload, { qos: 1 })
    await client.waitForEvent('model:delta', (d) => (d as ModelDelta).names.includes('headless/large'), 30_000)
    const reply = await client.call('model:message', { connectionId: 'c1', topic: 'headless/large', seq: 1 })
    expect(reply.ok).toBe(true)
    const record = (reply as { value: { payload: Uint8Array } }).value
    expect(Buffer.from(record.payload).equals(payload)).toBe(true)
    expect(client.socket.readyState).toBe(client.socket.OPEN)
  }, 60_000)

  it('answers a malformed request with the schema sentence, not a crash', async () => {
    const client = clients[0] ?? (await open())
    const reply = await client.call('connection:publish', { connectionId: 'c1', topic: 'bad/#', payload: new Uint8Array(1) })
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(await client.call('nope:nothing' as never, {})).toMatchObject({ ok: false, error: { code: 'unknown-request' } })
  })

  it('gives each socket its own delta stream: 20 stalled pages cost a fast one no reset, and catch up without one', async () => {
    const fast = clients[0] ?? (await open())
    const fastLog = streams.get(fast) as StreamLog
    // Half never confirm a delta (a busy page), half stop reading their socket (a page behind a slow link).
    const stalled: WireClient[] = []
    for (let i = 0; i < 20; i++) stalled.push(await open(i % 2 === 1))
    await Promise.all(stalled.map((client) => expect.poll(() => streams.get(client)?.applied.some((d) => d.connectionId === 'c1')).toBe(true)))
    const paused = stalled.filter((_, i) => i % 2 === 1)
    for (const client of paused) (client.socket as unknown as { _socket: Socket })._socket.pause()
    const resetsBefore = fastLog.resets
    expect(await fast.call('connection:subscribe', { connectionId: 'c1', subscriptions: [{ filter: 'headless/flood/#', qos: 0 }] })).toMatchObject({ ok: true })
    const topics = 100
    const rounds = 30
    const payload = Buffer.alloc(4096, 0x61)
    for (let round = 0; round < rounds; round++) {
      await Promise.all(Array.from({ length: topics }, (_, t) => observer.publishAsync(`headless/flood/${t}`, payload)))
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    /** True once the stream shows every flood topic with its last count. */
    const current = (log: StreamLog): boolean => {
      const names = new DeltaTopicNames()
      const counts = new Map<string, number>()
      for (const delta of log.applied) {
        if (delta.connectionId !== 'c1') continue
        if (delta.reset) counts.clear()
        names.read(delta).forEach((topic, i) => topic && counts.set(topic, delta.numbers[i * DELTA_STRIDE + DeltaField.messageCount] as number))
      }
      return Array.from({ length: topics }, (_, t) => counts.get(`headless/flood/${t}`)).every((count) => count === rounds)
    }
    await expect.poll(() => current(fastLog), { timeout: 20_000 }).toBe(true)
    expect(fastLog.resets).toBe(resetsBefore)
    expect(fastLog.gaps).toBe(0)
    // The stalled ones were held back (their skipped frames measured), not reset, and the server kept every socket.
    for (const client of paused) (client.socket as unknown as { _socket: Socket })._socket.resume()
    for (const client of stalled.filter((_, i) => i % 2 === 0)) {
      const last = streams.get(client)?.applied.filter((d) => d.connectionId === 'c1').at(-1) as ModelDelta
      await client.call('model:ack', { acks: [{ connectionId: 'c1', seq: last.seq }] })
    }
    for (const client of stalled) {
      const log = streams.get(client) as StreamLog
      await expect.poll(() => current(log), { timeout: 20_000 }).toBe(true)
      expect(log.gaps).toBe(0)
      expect(log.applied.filter((d) => d.connectionId === 'c1' && d.reset)).toHaveLength(1)
      expect(log.applied.filter((d) => d.connectionId === 'c1').at(-1)?.stats.skippedFrames).toBeGreaterThan(0)
      expect(client.socket.readyState).toBe(client.socket.OPEN)
    }
  }, 60_000)

  it('closes a socket that sends text instead of binary requests', async () => {
    const client = await open()
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)))
    client.socket.send('{"hello":1}')
    expect(await closed).toBe(1003)
  })
})

describe('SocketHub backpressure', () => {
  const limits = { congestedBytes: 256 << 10, maxBufferedBytes: 2 << 20, maxReplyBytes: 512 << 20 }
  let wss: WebSocketServer
  let client: WebSocket
  let hub: SocketHub

  beforeAll(async () => {
    hub = new SocketHub(() => Promise.reject(new Error('This test sends no requests.')), limits)
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    wss.on('connection', (socket) => hub.add(socket))
    await once(wss, 'listening')
  })
  beforeEach(async () => {
    client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`)
    await once(client, 'open')
    await expect.poll(() => hub.size).toBe(1)
    // Stop reading: the server's send buffer can only grow from here.
    ;(client as unknown as { _socket: Socket })._socket.pause()
  })
  afterEach(async () => {
    client.terminate()
    await expect.poll(() => hub.size).toBe(0)
  })
  afterAll(() => wss.close())

  const flood = async (name: string, rounds: number): Promise<void> => {
    const payload = new Uint8Array(64 << 10)
    for (let sent = 0; hub.size > 0 && sent < rounds; sent++) {
      hub.broadcast(name as never, { seq: sent, payload } as never)
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  it('drops a socket whose reader stalls, instead of buffering without bound', async () => {
    await flood('connection:status', 4096)
    expect(hub.size).toBe(0)
  })
})

describe('SocketHub replies', () => {
  let wss: WebSocketServer
  let hub: SocketHub
  const replies = new Map<string, unknown>([
    ['app:capabilities', { small: true }],
    ['model:history', { payload: new Uint8Array(3 << 20) }]
  ])

  beforeAll(async () => {
    hub = new SocketHub((name) => Promise.resolve({ ok: true, value: replies.get(name as string) }), {
      congestedBytes: 4 << 20,
      maxBufferedBytes: 32 << 20,
      maxReplyBytes: 2 << 20
    })
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    wss.on('connection', (socket) => hub.add(socket))
    await once(wss, 'listening')
  })
  afterAll(() => wss.close())

  const connect = (): Promise<WireClient> => openWireClient({ serverOrigin: `http://127.0.0.1:${(wss.address() as AddressInfo).port}` })

  it('answers a reply larger than the page joins with a sentence, and the socket stays open', async () => {
    const client = await connect()
    expect(await client.call('model:history', {})).toEqual({
      ok: false,
      error: { code: 'unsupported', message: 'This reply is 4 MB, more than the 3 MB the headless server sends in one answer. Load a smaller range or fewer messages.' }
    })
    expect(await client.call('app:capabilities', {})).toEqual({ ok: true, value: { small: true } })
    await client.close()
  })

  it('closes only the socket that sends a broken chunk sequence, with the reason', async () => {
    const [hostile, bystander] = await Promise.all([connect(), connect()])
    const closed = new Promise<[number, string]>((resolve) => hostile.socket.once('close', (code, reason) => resolve([code, reason.toString()])))
    const [first, second] = splitFrame(encodeFrame([0, 1, 'app:capabilities', { pad: new Uint8Array(5 << 20) }]), 1)
    hostile.socket.send(second as Uint8Array)
    hostile.socket.send(first as Uint8Array)
    const [code, reason] = await closed
    expect(code).toBe(1008)
    expect(reason).toMatch(/chunk/i)
    expect(await bystander.call('app:capabilities', {})).toEqual({ ok: true, value: { small: true } })
    expect(bystander.socket.readyState).toBe(WebSocket.OPEN)
    await bystander.close()
  })
})
