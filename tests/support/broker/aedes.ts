import { readFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createNetServer, type Server } from 'node:net'
import { createServer as createTlsServer } from 'node:tls'
import { Aedes, type AuthenticateError, type Client, type Connection } from 'aedes'
import { WebSocketServer, createWebSocketStream } from 'ws'
import { brokerFacts, clientFiles, type CertificateFiles, type ListenerName, type TestBroker } from './types'

const passwordListeners: ReadonlySet<ListenerName> = new Set(['auth', 'acl', 'aclPlugin'])
const aclListeners: ReadonlySet<ListenerName> = new Set(['acl', 'aclPlugin'])

function authError(message: string, returnCode: number): AuthenticateError {
  return Object.assign(new Error(message), { returnCode })
}

/** The server for one listener; every accepted stream is handed to `accept` with its listener name. */
function listenerServer(name: ListenerName, certs: CertificateFiles, accept: (stream: Connection, name: ListenerName) => void): Server {
  const tlsServer = (cert: string, key: string, requireClientCert: boolean): Server => createTlsServer({
    cert: readFileSync(cert), key: readFileSync(key), ca: readFileSync(certs.ca),
    requestCert: requireClientCert, rejectUnauthorized: requireClientCert
  }, (socket) => accept(socket, name))
  switch (name) {
    // aedes cannot limit the QoS: its 'maxQos1' is a plain listener, and tests of the limit skip on aedes.
    case 'maxQos1':
    case 'plain':
    case 'auth':
    case 'acl':
    case 'aclPlugin':
      return createNetServer((socket) => accept(socket, name))
    case 'tls': return tlsServer(certs.serverCert, certs.serverKey, false)
    case 'mtls': return tlsServer(certs.serverCert, certs.serverKey, true)
    case 'selfSigned': return tlsServer(certs.selfSignedCert, certs.selfSignedKey, false)
    case 'expired': return tlsServer(certs.expiredCert, certs.expiredKey, false)
    case 'ws':
    case 'wss': {
      const http = name === 'ws' ? createHttpServer() : createHttpsServer({ cert: readFileSync(certs.serverCert), key: readFileSync(certs.serverKey) })
      new WebSocketServer({ server: http }).on('connection', (socket) => accept(createWebSocketStream(socket), name))
      return http
    }
  }
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, brokerFacts.host, () => {
      const address = server.address()
      if (address === null || typeof address === 'string') reject(new Error('The test broker listener got no TCP port.'))
      else resolve(address.port)
    })
  })
}

/** Starts an in-process aedes broker emulating the Mosquitto listeners (per-listener auth and ACL) on free ports. */
export async function startAedes(listeners: ListenerName[], certs: CertificateFiles): Promise<TestBroker> {
  const listenerOf = new WeakMap<Connection, ListenerName>()
  const listenerIn = (set: ReadonlySet<ListenerName>, client: Client | null): boolean => {
    const name = client ? listenerOf.get(client.conn) : undefined
    return name !== undefined && set.has(name)
  }
  const isAclDenied = (client: Client | null, topic: string): boolean =>
    topic === brokerFacts.aclDeniedTopic && listenerIn(aclListeners, client)

  const broker = await Aedes.createBroker({
    // Mosquitto answers both an anonymous client and a wrong password with 5 (not authorised) on MQTT 3.1.1.
    authenticate(client, username, password, done) {
      if (!listenerIn(passwordListeners, client)) return done(null, true)
      const ok = username === brokerFacts.users.name && password?.toString() === brokerFacts.users.password
      return ok ? done(null, true) : done(authError('Not authorised.', 5), false)
    },
    // Only the plugin listener refuses in the SUBACK (a null subscription makes aedes answer 0x80; an error would
    // disconnect); Mosquitto's ACL file grants and filters delivery instead.
    authorizeSubscribe(client, subscription, done) {
      const refused = subscription.topic === brokerFacts.aclDeniedTopic && listenerOf.get(client.conn) === 'aclPlugin'
      return done(null, refused ? null : subscription)
    },
    authorizeForward(client, packet) {
      return isAclDenied(client, packet.topic) ? null : packet
    },
    authorizePublish(client, packet, done) {
      // Mosquitto acknowledges a denied MQTT 3.1.1 publish and drops it; aedes would disconnect on an error,
      // so route the message to a topic no wildcard reaches instead, unretained.
      if (isAclDenied(client, packet.topic)) {
        packet.topic = '$denied/by-acl'
        packet.retain = false
      }
      return done(null)
    }
  })

  const streams = new Set<Connection>()
  const accept = (stream: Connection, name: ListenerName): void => {
    listenerOf.set(stream, name)
    streams.add(stream)
    stream.once('close', () => streams.delete(stream))
    broker.handle(stream)
  }
  const servers: Server[] = []
  const stop = (): Promise<void> => stopAll(broker, servers, streams)
  const ports: Partial<Record<ListenerName, number>> = {}
  try {
    for (const name of listeners) {
      const server = listenerServer(name, certs, accept)
      servers.push(server)
      ports[name] = await listen(server)
    }
  } catch (error) {
    await stop()
    throw error
  }

  return {
    kind: 'aedes',
    ...brokerFacts,
    ports,
    files: clientFiles(certs),
    stop
  }
}

async function stopAll(broker: Aedes, servers: Server[], streams: Set<Connection>): Promise<void> {
  const closed = servers.map((server) => new Promise((resolve) => server.close(resolve)))
  await new Promise<void>((resolve) => broker.close(() => resolve()))
  // Also drop connections that never sent CONNECT, which the broker does not close; server.close() waits for them.
  for (const stream of streams) stream.destroy()
  await Promise.all(closed)
}
