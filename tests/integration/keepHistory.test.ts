// "Keep history on disk": a profile's messages are written while it is connected and are back in the model, with
// their times and properties, when the app starts again and connects, before the broker sends anything new.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StorageNotice } from '../../src/shared/contract'
import { seriesQuery } from '../../src/main/model/seriesQuery'
import { createMainServices, type MainServices } from '../../src/main/services'
import { startTestBroker, type TestBroker } from '../support/broker'
import { optionsFor } from './connectionKit'

const waitFor = async (done: () => boolean, what: string): Promise<void> => {
  const deadline = Date.now() + 10_000
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('history kept on disk', () => {
  let broker: TestBroker
  let dataDir: string
  const open: MainServices[] = []
  const start = (notices: StorageNotice[] = []): MainServices => {
    const services = createMainServices({
      dataDir,
      emit: (name, payload) => name === 'profile:notice' && notices.push(payload as StorageNotice),
      modelSettings: { historyLimit: 5 }
    })
    open.push(services)
    return services
  }
  beforeAll(async () => {
    broker = await startTestBroker({ listeners: ['plain'] })
    dataDir = await mkdtemp(join(tmpdir(), 'keep-history-it-'))
  })
  afterAll(async () => {
    for (const services of open) await services.dispose()
    await broker?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('restores the newest messages of each topic after a restart, before new ones, then keeps writing', async () => {
    const first = start()
    const { password: _password, ...options } = optionsFor(broker, 'plain', { protocolVersion: 5 })
    const profile = first.profiles.profiles.save({ name: 'Line 1', options: { ...options, keepHistory: true }, subscriptions: [{ filter: 'line/#', qos: 1 }] })
    await first.sessions.connectProfile('tab', profile.id)
    await first.connections.connect('device', optionsFor(broker, 'plain', { protocolVersion: 5 }))
    for (let i = 1; i <= 8; i++) await first.connections.publish('device', { topic: 'line/temp', payload: Buffer.from(String(i)), qos: 1, retain: false, properties: { userProperties: [['unit', 'C']] } })
    await first.connections.publish('device', { topic: 'line/other', payload: Buffer.from('x'), qos: 1, retain: false })
    const model = (services: MainServices) => services.model.model('tab')
    await waitFor(() => (model(first).topics.get('line/temp')?.count ?? 0) === 8 && model(first).topics.get('line/other') !== undefined, 'the first session\'s messages')
    const [before] = seriesQuery(model(first), [{ topic: 'line/temp', path: '' }], undefined, 100)
    await first.dispose()
    open.length = 0

    // The app starts again: the tab connects, and the model holds the last session before anything new arrives.
    const second = start()
    let restoredAtConnect: number[] = []
    const stop = second.connections.onStatus((status) => {
      if (status.connectionId === 'tab' && status.state === 'connected') restoredAtConnect = [...(seriesQuery(model(second), [{ topic: 'line/temp', path: '' }], undefined, 100)[0]?.values ?? [])]
    })
    await second.sessions.connectProfile('tab', profile.id)
    stop()
    expect(restoredAtConnect).toEqual([4, 5, 6, 7, 8])
    const [after] = seriesQuery(model(second), [{ topic: 'line/temp', path: '' }], undefined, 100)
    expect([...after!.times]).toEqual([...before!.times].slice(-5))
    expect(model(second).topics.get('line/other')?.count).toBe(1)
    const newest = model(second).log.read(model(second).topics.get('line/temp')!.newest)
    expect(newest?.properties?.userProperties).toEqual([['unit', 'C']])

    // New messages are kept too, and a connection opened again in the same tab is not restored twice.
    await second.connections.connect('device', optionsFor(broker, 'plain'))
    await second.connections.publish('device', { topic: 'line/temp', payload: Buffer.from('9'), qos: 1, retain: false })
    await waitFor(() => model(second).topics.get('line/temp')?.count === 6, 'the new message')
    await second.sessions.disconnect('tab')
    await second.sessions.connectProfile('tab', profile.id)
    expect(model(second).topics.get('line/temp')?.count).toBe(6)
    await second.dispose()
    open.length = 0

    const third = start()
    await third.sessions.connectProfile('tab', profile.id)
    expect([...(seriesQuery(model(third), [{ topic: 'line/temp', path: '' }], undefined, 100)[0]?.values ?? [])]).toEqual([5, 6, 7, 8, 9])

    // Deleting the profile deletes its history on disk, while connected too.
    const file = join(dataDir, 'history', `${profile.id.replace(/[^\w-]+/g, '_')}.bsrec`)
    expect(existsSync(file)).toBe(true)
    third.profiles.library.delete(profile.id)
    expect(third.history.keeps('tab')).toBe(false)
    expect(['', '-wal', '-shm'].some((suffix) => existsSync(file + suffix))).toBe(false)
  })

  it('sets a damaged history file aside with a notice and starts a new one', async () => {
    const notices: StorageNotice[] = []
    const services = start(notices)
    const { password: _password, ...options } = optionsFor(broker, 'plain')
    const profile = services.profiles.profiles.save({ name: 'Broken', options: { ...options, keepHistory: true }, subscriptions: [{ filter: 'broken/#', qos: 0 }] })
    const file = join(dataDir, 'history', `${profile.id.replace(/[^\w-]+/g, '_')}.bsrec`)
    await mkdir(join(dataDir, 'history'), { recursive: true })
    await writeFile(file, 'not a database, but someone\'s bytes')
    await services.sessions.connectProfile('broken-tab', profile.id)
    expect(notices).toHaveLength(1)
    expect(notices[0]?.message).toMatch(/^The history "Broken" kept on disk could not be opened \(.+\)\. It was set aside, unchanged, and a new history starts now\.$/)
    expect(notices[0]?.backupPath && existsSync(notices[0].backupPath)).toBe(true)
    expect(existsSync(file)).toBe(true)
    expect((await readdir(join(dataDir, 'history'))).some((name) => name.includes('.unreadable-'))).toBe(true)
    expect(services.history.keeps('broken-tab')).toBe(true)
  })
})
