import { createHash, timingSafeEqual } from 'node:crypto'
import { createServer as createHttpServer } from 'node:http'
import { createServer as createNetServer, type AddressInfo, type Server } from 'node:net'
import { Aedes, type AuthenticateError, type Client, type Connection } from 'aedes'
import { WebSocketServer, createWebSocketStream } from 'ws'
import type { BrokerClient, BrokerStart, BrokerStatus } from '../../shared/contract'
import { brokerAddresses, localHostOf } from './brokerAddresses'
import { listenError } from './listenError'

interface ClientInfo {
  address: string
  transport: 'tcp' | 'ws'
  connectedAt: number
  subscriptions: Set<string>
  /** Publishes since the last sample, and during the second before it. */
  counting: number
  lastSecond: number
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest()

/** Compares through digests so the time taken says nothing about the expected value. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected))
}

function refused(): AuthenticateError {
  // 4 is MQTT 3.1.1's "bad user name or password"; aedes maps it for MQTT 5 clients too.
  return Object.assign(new Error('Bad user name or password.'), { returnCode: 4 })
}

function listen(server: Server, host: string, port: number, label: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, label, host, port)))
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port))
  })
}

/** A local aedes broker on TCP and optionally WebSocket, with its clients, subscriptions and rates. */
export class BuiltInBroker {
  private readonly clients = new Map<Client, ClientInfo>()
  private readonly connections = new Map<Connection, Pick<ClientInfo, 'address' | 'transport'>>()
  private readonly servers: Server[] = []
  private tcpPort = 0
  private wsPort: number | null = null
  private counting = 0
  private lastSecond = 0
  private total = 0
  private stopping: Promise<void> | null = null

  private constructor(
    private readonly aedes: Aedes,
    private readonly options: BrokerStart
  ) {}

  /** Starts listening; a port or address that cannot be used is a sentence, and nothing is left open. */
  static async start(options: BrokerStart): Promise<BuiltInBroker> {
    const { username, password } = options
    const aedes = await Aedes.createBroker({
      authenticate(_client, givenUser, givenPassword, done) {
        if (username === undefined) return done(null, true)
        const ok = givenUser !== undefined && sameSecret(givenUser, username) && sameSecret(givenPassword?.toString('utf8') ?? '', password ?? '')
        return ok ? done(null, true) : done(refused(), false)
      }
    })
    const broker = new BuiltInBroker(aedes, options)
    try {
      await broker.listenAll()
    } catch (error) {
      await broker.stop()
      throw error
    }
    return broker
  }

  private async listenAll(): Promise<void> {
    const { host } = this.options
    this.watchClients()
    const tcp = createNetServer((socket) => this.accept(socket, `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`, 'tcp'))
    this.servers.push(tcp)
    this.tcpPort = await listen(tcp, host, this.options.tcpPort, 'TCP')
    if (this.options.wsPort === undefined) return
    const http = createHttpServer()
    this.servers.push(http)
    new WebSocketServer({ server: http }).on('connection', (socket, request) =>
      this.accept(createWebSocketStream(socket), `${request.socket.remoteAddress ?? '?'}:${request.socket.remotePort ?? '?'}`, 'ws')
    )
    this.wsPort = await listen(http, host, this.options.wsPort, 'WebSocket')
  }

  private accept(stream: Connection, address: string, transport: 'tcp' | 'ws'): void {
    this.connections.set(stream, { address, transport })
    stream.once('close', () => this.connections.delete(stream))
    // A device that resets its connection is not the app's error; aedes closes the client.
    stream.on('error', () => undefined)
    this.aedes.handle(stream)
  }

  private watchClients(): void {
    this.aedes.on('client', (client) => {
      const known = this.connections.get(client.conn) ?? { address: '?', transport: 'tcp' as const }
      this.clients.set(client, { ...known, connectedAt: Date.now(), subscriptions: new Set(), counting: 0, lastSecond: 0 })
    })
    this.aedes.on('clientDisconnect', (client) => this.clients.delete(client))
    this.aedes.on('subscribe', (subscriptions, client) => {
      const info = this.clients.get(client)
      for (const { topic } of subscriptions) info?.subscriptions.add(topic)
    })
    this.aedes.on('unsubscribe', (topics, client) => {
      const info = this.clients.get(client)
      for (const topic of topics) info?.subscriptions.delete(topic)
    })
    this.aedes.on('publish', (_packet, client) => {
      // The broker's own $SYS messages have no client; only devices' publishes count.
      if (client === null) return
      const info = this.clients.get(client)
      if (info) info.counting++
      this.counting++
      this.total++
    })
  }

  /** Closes the second being counted: the rates shown are those of the second just past. */
  sample(): void {
    this.lastSecond = this.counting
    this.counting = 0
    for (const info of this.clients.values()) {
      info.lastSecond = info.counting
      info.counting = 0
    }
  }

  status(): BrokerStatus {
    const { host } = this.options
    const clients: BrokerClient[] = [...this.clients].map(([client, info]) => ({
      id: client.id,
      address: info.address,
      transport: info.transport,
      subscriptions: [...info.subscriptions].sort(),
      messagesPerSecond: info.lastSecond,
      connectedAt: info.connectedAt
    }))
    return {
      running: this.stopping === null,
      host,
      localHost: localHostOf(host),
      tcpPort: this.tcpPort,
      wsPort: this.wsPort,
      requiresLogin: this.options.username !== undefined,
      addresses: brokerAddresses(host, this.tcpPort, this.wsPort),
      clients,
      messagesPerSecond: this.lastSecond,
      messagesTotal: this.total
    }
  }

  /** Disconnects every client and closes the listeners; calling it again waits for the same stop. */
  stop(): Promise<void> {
    this.stopping ??= this.closeAll()
    return this.stopping
  }

  private async closeAll(): Promise<void> {
    const closed = this.servers.filter((server) => server.listening).map((server) => new Promise((resolve) => server.close(resolve)))
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()))
    // Connections that never sent CONNECT are not the broker's to close, and server.close() waits for them.
    for (const stream of this.connections.keys()) stream.destroy()
    this.clients.clear()
    await Promise.all(closed)
  }
}
