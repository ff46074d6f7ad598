// The connection:* requests as the renderer sends them (raw arguments, through dispatch), on the real services;
// connections are opened from saved profiles, as the app does.
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlerTable } from '../../src/main/ipc/handlers'
import { dispatch, type HandlerTable } from '../../src/main/ipc/handlerTable'
import { createMainServices, type MainServices } from '../../src/main/services'
import type { ConnectionStatus } from '../../src/shared/contract'
import { startTestBroker, type TestBroker } from '../support/broker'
import { bytes } from './connectionKit'
import { testReceiver } from '../support/deltaReceiver'

let broker: TestBroker
let services: MainServices
let table: HandlerTable
let dataDir: string
const statuses: ConnectionStatus[] = []

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['plain'] })
  dataDir = await mkdtemp(join(tmpdir(), 'engine-handlers-'))
  services = createMainServices({
    dataDir,
    emit: (name, payload) => {
      if (name === 'connection:status') statuses.push(payload as ConnectionStatus)
    }
  })
  table = createHandlerTable(services)
})
afterAll(async () => {
  await services?.dispose()
  await broker?.stop()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

const plain = () => ({ protocol: 'mqtt', host: '127.0.0.1', port: broker.ports.plain, reconnectPeriodMs: 0 })
let profileId: string

/** Saves a profile through profile:save (raw options, schema defaults filled) and returns its id. */
async function saveProfile(name: string, options: Record<string, unknown>): Promise<string> {
  const saved = await dispatch(table, 'profile:save', { name, options, subscriptions: [] }, testReceiver())
  if (!saved.ok) throw new Error(saved.error.message)
  return (saved.value as { profile: { id: string } }).profile.id
}

describe('connection:* through the handler table', () => {
  it('connects a saved profile and sends status events naming it', async () => {
    profileId = await saveProfile('Plain', plain())
    await expect(dispatch(table, 'profile:connect', { connectionId: 'h', profileId }, testReceiver())).resolves.toEqual({ ok: true, value: { connectionId: 'h', subscriptions: [] } })
    expect(statuses.filter((s) => s.connectionId === 'h').map((s) => [s.state, s.profileId])).toEqual([['connecting', profileId], ['connected', profileId]])
  })

  it('lists the connection with its profile', async () => {
    const result = await dispatch(table, 'connection:list', {}, testReceiver())
    expect(result).toEqual({ ok: true, value: { connections: [expect.objectContaining({ connectionId: 'h', profileId, state: 'connected' })] } })
  })

  it('subscribes, publishes and unsubscribes', async () => {
    await expect(dispatch(table, 'connection:subscribe', { connectionId: 'h', subscriptions: [{ filter: 'handlers/#' }] }, testReceiver())).resolves.toEqual({
      ok: true,
      value: { results: [{ filter: 'handlers/#', grantedQos: 0, reasonCode: 0 }] }
    })
    const arrival = new Promise((resolve) => {
      const stop = services.connections.onMessage((id, message) => {
        if (id !== 'h' || message.topic !== 'handlers/x') return
        stop()
        resolve(Buffer.from(message.payload).toString())
      })
    })
    await expect(dispatch(table, 'connection:publish', { connectionId: 'h', topic: 'handlers/x', payload: bytes('hi'), qos: 1 }, testReceiver())).resolves.toEqual({
      ok: true,
      value: { reasonCode: 0 }
    })
    expect(await arrival).toBe('hi')
    await expect(dispatch(table, 'connection:unsubscribe', { connectionId: 'h', filters: ['handlers/#'] }, testReceiver())).resolves.toEqual({
      ok: true,
      value: { filters: ['handlers/#'] }
    })
  })

  it('answers errors as sentences: same id twice, nothing listening, bad arguments', async () => {
    const twice = await dispatch(table, 'profile:connect', { connectionId: 'h', profileId }, testReceiver())
    expect(twice).toEqual({
      ok: false,
      error: { code: 'already-exists', message: 'A connection named "h" is already open. Disconnect it first, or use another name.' }
    })

    const server = createServer().listen(0, '127.0.0.1')
    await once(server, 'listening')
    const port = (server.address() as { port: number }).port
    server.close()
    await once(server, 'close')
    const refused = await dispatch(table, 'profile:connect', { connectionId: 'r', profileId: await saveProfile('Nobody there', { ...plain(), port }) }, testReceiver())
    expect(refused).toEqual({
      ok: false,
      error: { code: 'connection-refused', message: `Nothing is listening on 127.0.0.1:${port}. Check the host and port, and that the broker is running.` }
    })

    const badFilter = await dispatch(table, 'connection:subscribe', { connectionId: 'h', subscriptions: [{ filter: 'a/#/b' }] }, testReceiver())
    expect(badFilter).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
  })

  it('disconnects and forgets the connection', async () => {
    await expect(dispatch(table, 'connection:disconnect', { connectionId: 'h' }, testReceiver())).resolves.toEqual({ ok: true, value: { connectionId: 'h' } })
    expect(statuses.at(-1)).toEqual(expect.objectContaining({ connectionId: 'h', state: 'disconnected' }))
    await expect(dispatch(table, 'connection:list', {}, testReceiver())).resolves.toEqual({ ok: true, value: { connections: [] } })
    const again = await dispatch(table, 'connection:publish', { connectionId: 'h', topic: 't', payload: bytes('x') }, testReceiver())
    expect(again).toEqual({ ok: false, error: { code: 'not-connected', message: 'There is no connection "h". Connect first.' } })
  })
})
