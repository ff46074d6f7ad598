// Quitting the app must not fire the devices' watchers: every connection sends DISCONNECT before the process
// ends, so the broker drops the last will; a process that dies without it gets its will published.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ConnectionManager } from '../../src/main/mqtt/connectionManager'
import { createMainServices, type MainServices } from '../../src/main/services'
import { installQuitSequence, type QuittingApp } from '../../src/main/shell/quitSequence'
import { startTestBroker, type TestBroker } from '../support/broker'
import { startTcpRelay, type TcpRelay } from '../support/tcpRelay'
import { bytes, messages, optionsFor } from './connectionKit'

let broker: TestBroker
let watcher: ConnectionManager
let dataDir: string
let services: MainServices | undefined
let relay: TcpRelay | undefined
let counter = 0

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['plain'] })
  watcher = new ConnectionManager()
  await watcher.connect('watcher', optionsFor(broker, 'plain'))
  dataDir = await mkdtemp(join(tmpdir(), 'quit-it-'))
})
afterEach(async () => {
  await services?.dispose()
  await relay?.close()
  services = relay = undefined
})
afterAll(async () => {
  await watcher?.dispose()
  await broker?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

/** The app's services with one connection that leaves a last will on `topic`, through a relay that can be cut. */
async function appWithWill(topic: string): Promise<void> {
  relay = await startTcpRelay(broker.ports.plain as number)
  services = createMainServices({ dataDir: join(dataDir, String(++counter)), emit: () => undefined })
  await services.connections.connect('device', {
    ...optionsFor(broker, 'plain', { keepaliveSeconds: 60 }),
    port: relay.port,
    will: { topic, payload: bytes('gone'), qos: 1, retain: false }
  })
}

/** Electron's app as the quit sequence sees it; resolves `quit` once the held quit goes through. */
function quittingApp(): { app: QuittingApp; requestQuit(): void; quit: Promise<void> } {
  let listener: ((event: { preventDefault(): void }) => void) | undefined
  let done: () => void = () => undefined
  const quit = new Promise<void>((resolve) => (done = resolve))
  const attempt = (): void => {
    let held = false
    listener?.({ preventDefault: () => (held = true) })
    if (!held) done()
  }
  return { app: { on: (_event, l) => (listener = l), quit: attempt }, requestQuit: attempt, quit }
}

describe('quitting the app', () => {
  it('sends DISCONNECT on quit, so the broker does not publish the last will', async () => {
    const topic = `quit/${process.pid}/${counter}/graceful`
    await watcher.subscribe('watcher', [{ filter: topic, qos: 1 }])
    await appWithWill(topic)
    const { app, requestQuit, quit } = quittingApp()
    installQuitSequence(app, () => (services as MainServices).dispose())
    requestQuit()
    await quit
    // Anything the broker published for the quit would arrive before this marker.
    const arrivals = messages(watcher, 'watcher', 1)
    await watcher.publish('watcher', { topic, payload: bytes('marker'), qos: 1, retain: false })
    expect((await arrivals).map((m) => Buffer.from(m.payload).toString())).toEqual(['marker'])
  })

  it('gets its last will published when the process dies without DISCONNECT', async () => {
    const topic = `quit/${process.pid}/${counter}/killed`
    await watcher.subscribe('watcher', [{ filter: topic, qos: 1 }])
    await appWithWill(topic)
    const arrivals = messages(watcher, 'watcher', 1)
    relay?.cut()
    expect((await arrivals).map((m) => Buffer.from(m.payload).toString())).toEqual(['gone'])
  })
})
