// After a successful connect, drops are reported with their reason and mqtt.js reconnects; subscriptions come back.
import { once } from 'node:events'
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ConnectionManager } from '../../src/main/mqtt/connectionManager'
import type { ConnectionStatus } from '../../src/shared/contract'
import { startTestBroker, type TestBroker } from '../support/broker'
import { bytes, nextMessage, nextStatus, optionsFor, rejectionOf } from './connectionKit'

/** A TCP forwarder to the broker: a network cable the test can pull, and a port it can close and reopen. */
class Cable {
  private readonly sockets = new Set<Socket>()
  private server: Server | undefined
  port = 0

  /** The broker port new connections are forwarded to; change it to move the cable to another listener. */
  constructor(public target: number) {}

  async plugIn(): Promise<void> {
    this.server = createServer((socket) => {
      const upstream = tcpConnect(this.target, '127.0.0.1')
      for (const end of [socket, upstream]) {
        this.sockets.add(end)
        end.on('close', () => this.sockets.delete(end))
        end.on('error', () => undefined)
      }
      socket.pipe(upstream).pipe(socket)
      socket.on('close', () => upstream.destroy())
      upstream.on('close', () => socket.destroy())
    }).listen(this.port, '127.0.0.1')
    await once(this.server, 'listening')
    this.port = (this.server.address() as { port: number }).port
  }

  /** Keeps the connections open but stops carrying bytes, like a stalled network. */
  freeze(): void {
    for (const socket of this.sockets) {
      socket.unpipe()
      socket.pause()
    }
  }

  /** Cuts every open connection; the port keeps accepting. */
  pull(): void {
    for (const socket of this.sockets) socket.destroy()
  }

  /** Cuts the connections and stops listening: reconnect attempts find nothing there. */
  async unplug(): Promise<void> {
    const server = this.server
    this.server = undefined
    server?.close()
    this.pull()
    if (server) await once(server, 'close')
  }
}

let broker: TestBroker
let manager: ConnectionManager
let cable: Cable
let statuses: ConnectionStatus[]

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['plain', 'auth'] })
})
afterAll(async () => {
  await broker?.stop()
})
beforeEach(async () => {
  cable = new Cable(broker.ports.plain as number)
  await cable.plugIn()
  manager = new ConnectionManager()
  statuses = []
  manager.onStatus((status) => statuses.push(status))
})
afterEach(async () => {
  await manager.dispose()
  await cable.unplug()
})

const throughCable = () => optionsFor(broker, 'plain', { port: cable.port, reconnectPeriodMs: 200 })

describe('after a successful connect', () => {
  it('goes offline with the reason, reconnects, and subscribes again', async () => {
    await manager.connect('r', throughCable())
    await manager.connect('direct', optionsFor(broker, 'plain'))
    await manager.subscribe('r', [{ filter: 'reconnect/+', qos: 1 }])

    const offline = nextStatus(manager, 'r', 'offline')
    const reconnecting = nextStatus(manager, 'r', 'reconnecting')
    cable.pull()
    const offlineError = (await offline).error
    expect(offlineError?.code).toBe('connection-lost')
    expect(offlineError?.message).toBe(`The connection to 127.0.0.1:${cable.port} was closed by the broker or the network.`)
    expect((await reconnecting).error?.message).toBe(`The connection to 127.0.0.1:${cable.port} was closed by the broker or the network.`)
    await nextStatus(manager, 'r', 'connected')

    // Clean session: the broker forgot the subscription; the engine sent it again.
    const arrival = nextMessage(manager, 'r', 'reconnect/after')
    await manager.publish('direct', { topic: 'reconnect/after', payload: bytes('back'), qos: 1, retain: false })
    expect(Buffer.from((await arrival).payload).toString()).toBe('back')
  })

  it('reports why reconnecting fails, then recovers when the broker is back', async () => {
    await manager.connect('r', throughCable())
    await cable.unplug()
    // The first attempt after the drop finds nothing listening; the next status carries that reason.
    await expect.poll(() => statuses.filter((s) => s.state === 'reconnecting').at(-1)?.error?.message, { timeout: 3_000 })
      .toBe(`Nothing is listening on 127.0.0.1:${cable.port}. Check the host and port, and that the broker is running.`)
    expect(statuses.at(-1)?.error?.code).toBe('connection-refused')

    const publishError = await rejectionOf(manager.publish('r', { topic: 'x', payload: bytes('x'), qos: 0, retain: false }))
    expect(publishError.code).toBe('not-connected')
    expect(publishError.message).toMatch(/^The connection "r" is (offline|reconnecting), not connected\. Wait until it is connected, or connect again\.$/)

    await cable.plugIn()
    await nextStatus(manager, 'r', 'connected')
    expect(statuses.at(-1)).toEqual(expect.objectContaining({ state: 'connected' }))
    expect(statuses.at(-1)?.error).toBeUndefined()
  })

  it('ends in "error" with the sentence when the broker refuses the reconnect (CONNACK), and stops retrying', async () => {
    await manager.connect('r', throughCable())
    // The next connection lands on the password listener, which refuses this anonymous client.
    cable.target = broker.ports.auth as number
    const failed = nextStatus(manager, 'r', 'error')
    cable.pull()
    const error = (await failed).error
    expect(error?.code).toBe('not-authorized')
    expect(error?.message).toContain(`The broker at 127.0.0.1:${cable.port} refused the connection: not authorized (return code 5).`)
    const count = statuses.length
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(statuses.length).toBe(count)
    expect(manager.list()).toEqual([expect.objectContaining({ connectionId: 'r', state: 'error' })])
  })

  it('says the broker stopped answering when the keep-alive times out', async () => {
    await manager.connect('r', { ...throughCable(), keepaliveSeconds: 1 })
    cable.freeze()
    const stopped = `The broker at 127.0.0.1:${cable.port} stopped answering (no reply within the keep-alive interval). Check the network between you and the broker, and that the broker is running.`
    await expect.poll(() => statuses.filter((s) => s.state === 'offline').at(-1)?.error, { timeout: 4_000 }).toEqual({ code: 'connect-timeout', message: stopped })
  })

  it('times out a publish whose connection dropped before the ack, saying so', async () => {
    manager = new ConnectionManager({ publishTimeoutMs: 300 })
    await manager.connect('r', throughCable())
    cable.freeze()
    const publish = rejectionOf(manager.publish('r', { topic: 'dropped', payload: bytes('x'), qos: 1, retain: false }))
    await cable.unplug()
    expect(await publish).toEqual(expect.objectContaining({
      code: 'publish-timeout',
      message: 'The broker did not acknowledge the message to "dropped" (QoS 1) within 0.3 s: the connection dropped meanwhile. It is no longer sent again; publish it again once connected.'
    }))
  })

  it('rejects a publish still awaiting its ack when the connection is closed', async () => {
    await manager.connect('r', throughCable())
    cable.freeze()
    const publish = rejectionOf(manager.publish('r', { topic: 'stalled', payload: bytes('x'), qos: 1, retain: false }))
    await manager.disconnect('r')
    expect(await publish).toMatchObject({ code: 'cancelled', message: 'The connection was closed before the broker confirmed the message.' })
  })

  it('stops reconnecting once disconnected', async () => {
    await manager.connect('r', throughCable())
    await cable.unplug()
    await nextStatus(manager, 'r', 'reconnecting')
    await manager.disconnect('r')
    const count = statuses.length
    expect(statuses.at(-1)?.state).toBe('disconnected')
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(statuses.length).toBe(count)
    expect(manager.list()).toEqual([])
  })
})

describe('the first attempt', () => {
  it('fails once and does not retry, even with a reconnect period', async () => {
    await cable.unplug()
    const error = await rejectionOf(manager.connect('r', throughCable()))
    expect(error.code).toBe('connection-refused')
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'error'])
  })

  it('can be cancelled by disconnecting while it is in progress', async () => {
    const attempt = rejectionOf(manager.connect('r', throughCable()))
    await manager.disconnect('r')
    expect(await attempt).toMatchObject({ code: 'cancelled', message: 'The connection attempt was cancelled.' })
    expect(manager.list()).toEqual([])
  })
})
