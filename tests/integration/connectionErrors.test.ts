// Every failure a user can meet while connecting, subscribing or publishing, as the sentence they read.
import { once } from 'node:events'
import { createServer, type Server, type Socket } from 'node:net'
import { Aedes } from 'aedes'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ConnectionManager } from '../../src/main/mqtt/connectionManager'
import { startTestBroker, type TestBroker } from '../support/broker'
import { bytes, nextStatus, optionsFor, rejectionOf, requireMqtt5 } from './connectionKit'

let broker: TestBroker
let manager: ConnectionManager

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['plain', 'auth', 'acl', 'aclPlugin'] })
})
afterAll(async () => {
  await broker?.stop()
})
afterEach(async () => {
  await manager?.dispose()
})

/** A port on 127.0.0.1 that nothing listens on: asked from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

/** A TCP server that accepts connections and never answers, like a firewall black hole behind a proxy. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  }).listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      server.close()
      await once(server, 'close')
    }
  }
}

async function connectError(extra: Parameters<typeof optionsFor>[2], listener: Parameters<typeof optionsFor>[1] = 'plain') {
  manager = new ConnectionManager()
  const statuses = nextStatus(manager, 'x', 'error')
  const error = await rejectionOf(manager.connect('x', optionsFor(broker, listener, extra)))
  // The failed attempt is reported on the status stream too, and forgotten: no retry runs behind the form.
  expect((await statuses).error).toEqual({ code: error.code, message: error.message })
  expect(manager.list()).toEqual([])
  return error
}

describe('connect failures', () => {
  it('says nothing is listening (connection refused)', async () => {
    const port = await closedPort()
    const error = await connectError({ port, reconnectPeriodMs: 1_000 })
    expect(error).toMatchObject({
      code: 'connection-refused',
      message: `Nothing is listening on 127.0.0.1:${port}. Check the host and port, and that the broker is running.`
    })
  })

  it('says the host name is unknown', async () => {
    const error = await connectError({ host: 'no-such-broker.invalid' })
    expect(error.code).toBe('unknown-host')
    expect(error.message).toBe('The host name "no-such-broker.invalid" could not be found. Check its spelling, and this computer\'s network and DNS settings.')
  })

  it('says the broker did not answer within the connect timeout', async () => {
    const silent = await silentServer()
    try {
      const started = Date.now()
      const error = await connectError({ port: silent.port, connectTimeoutMs: 400 })
      expect(Date.now() - started).toBeGreaterThanOrEqual(350)
      expect(error.code).toBe('connect-timeout')
      expect(error.message).toBe(
        `The broker at 127.0.0.1:${silent.port} did not answer within 0.4 s. Check the host, port and protocol (mqtt, mqtts, ws or wss), or raise the connect timeout.`
      )
    } finally {
      await silent.close()
    }
  })

  it.for([4, 5] as const)('says "not authorized" for a wrong password on the password listener (MQTT version %i)', async (protocolVersion, context) => {
    if (protocolVersion === 5) requireMqtt5(broker, context)
    const error = await connectError({ protocolVersion, username: broker.users.name, password: 'wrong-password' }, 'auth')
    // Mosquitto answers a wrong password like an anonymous client: CONNACK 5 / v5 0x87.
    const reason = protocolVersion === 5 ? 'not authorized (0x87)' : 'not authorized (return code 5)'
    expect(error).toMatchObject({
      code: 'not-authorized',
      message: `The broker at 127.0.0.1:${broker.ports.auth} refused the connection: ${reason}. Check the user name and password (this listener may not accept anonymous clients) and the broker's access rules.`
    })
  })

  it.for([3, 4, 5] as const)('says "not authorized" for an anonymous client on the password listener (MQTT version %i)', async (protocolVersion, context) => {
    if (protocolVersion === 5) requireMqtt5(broker, context)
    const error = await connectError({ protocolVersion }, 'auth')
    expect(error.code).toBe('not-authorized')
    expect(error.message).toContain(`refused the connection: not authorized (${protocolVersion === 5 ? '0x87' : 'return code 5'})`)
  })

  it('says the user name or password is wrong when the broker answers CONNACK 4 (bad user name or password)', async () => {
    // Mosquitto never sends 4; aedes does when its authenticate hook says so, as many auth plugins do.
    const aedes = await Aedes.createBroker({
      authenticate: (_client, _username, _password, done) => done(Object.assign(new Error('bad credentials'), { returnCode: 4 as const }), false)
    })
    const server = createServer(aedes.handle).listen(0, '127.0.0.1')
    await once(server, 'listening')
    const port = (server.address() as { port: number }).port
    try {
      const error = await connectError({ port, username: 'someone', password: 'wrong' })
      expect(error).toMatchObject({
        code: 'bad-credentials',
        message: `The broker at 127.0.0.1:${port} refused the user name or password: bad user name or password (return code 4). Check both and try again.`
      })
    } finally {
      server.close()
      await new Promise<void>((resolve) => aedes.close(() => resolve()))
    }
  })

  it('accepts the right password on the auth listener and anonymous clients on the plain one (per-listener settings)', async () => {
    manager = new ConnectionManager()
    await manager.connect('auth', optionsFor(broker, 'auth', { username: broker.users.name, password: broker.users.password }))
    await manager.connect('plain', optionsFor(broker, 'plain'))
    expect(manager.list().map((s) => s.state)).toEqual(['connected', 'connected'])
  })
})

describe('refusals on an open connection (ACL)', () => {
  const aclOptions = (listener: 'acl' | 'aclPlugin', protocolVersion: 4 | 5) =>
    optionsFor(broker, listener, { protocolVersion, username: broker.users.name, password: broker.users.password })

  it.for([4, 5] as const)('reports a refused subscription per filter, naming the filter (MQTT version %i)', async (protocolVersion, context) => {
    if (protocolVersion === 5) requireMqtt5(broker, context)
    manager = new ConnectionManager()
    await manager.connect('acl', aclOptions('aclPlugin', protocolVersion))
    const denied = broker.aclDeniedTopic
    const results = await manager.subscribe('acl', [
      { filter: 'allowed/topic', qos: 1 },
      { filter: denied, qos: 1 },
      { filter: 'allowed/other', qos: 0 }
    ])
    expect(results[0]).toEqual({ filter: 'allowed/topic', grantedQos: 1, reasonCode: 1 })
    expect(results[2]).toEqual({ filter: 'allowed/other', grantedQos: 0, reasonCode: 0 })
    const message = protocolVersion === 5
      ? `The broker refused the subscription to "${denied}": not authorized (0x87).`
      : `The broker refused the subscription to "${denied}": failure (0x80; MQTT 3.1.1 gives no reason, usually the broker's access rules).`
    expect(results[1]).toEqual({
      filter: denied,
      grantedQos: null,
      reasonCode: protocolVersion === 5 ? 0x87 : 0x80,
      error: { code: 'subscription-refused', message }
    })
    // The connection stays usable after a refusal.
    expect(manager.list()[0]?.state).toBe('connected')
  })

  it('rejects a publish the broker refuses with its MQTT 5 PUBACK reason code', async (context) => {
    requireMqtt5(broker, context)
    manager = new ConnectionManager()
    await manager.connect('acl', aclOptions('acl', 5))
    const error = await rejectionOf(manager.publish('acl', { topic: broker.aclDeniedTopic, payload: bytes('x'), qos: 1, retain: false }))
    expect(error).toMatchObject({
      code: 'publish-refused',
      message: `The broker refused the message to "${broker.aclDeniedTopic}": not authorized (0x87).`
    })
    // An allowed topic is accepted (0x10 "no matching subscribers" is a success).
    expect((await manager.publish('acl', { topic: 'allowed/topic', payload: bytes('x'), qos: 1, retain: false })).reasonCode).toBeLessThan(0x80)
  })
})
