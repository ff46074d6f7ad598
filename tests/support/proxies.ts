// Real proxies on loopback for the proxy tests: a SOCKS5 server (@pondwader/socks5-server) and an HTTP CONNECT
// proxy (`proxy`, by the author of node's proxy agents). Each records where it tunnelled to, so a test can tell
// that the traffic went through it.
import { createServer as createHttpServer, type IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { createServer as createSocksServer } from '@pondwader/socks5-server'
import { createProxy } from 'proxy'
import { freePorts } from './broker/ports'

/** A running test proxy: its port, the host:port of every tunnel it opened, and a stop that cuts them all. */
export interface TestProxy {
  port: number
  destinations: string[]
  /** Destroys every open tunnel at once, as a proxy restart would. */
  cut(): void
  close(): Promise<void>
}

/** The user name and password a proxy started with `auth` expects. */
export const proxyUser = { username: 'field-engineer', password: 'pr0xy secret' }

function tracker(): { track(socket: Duplex): void; cutAll(): void } {
  const sockets = new Set<Duplex>()
  return {
    track(socket) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    },
    cutAll: () => sockets.forEach((socket) => socket.destroy())
  }
}

/** `refuse`: the SOCKS5 server answers every CONNECT with "connection not allowed by ruleset" (reply 2). */
export async function startSocksProxy(options: { auth?: boolean; refuse?: boolean } = {}): Promise<TestProxy> {
  const [port] = (await freePorts(1)) as [number]
  const destinations: string[] = []
  const sockets = tracker()
  const server = createSocksServer(options.auth ? { auth: proxyUser } : {})
  server.setRulesetValidator((connection) => {
    sockets.track(connection.socket)
    if (options.refuse) return false
    destinations.push(`${connection.destAddress}:${connection.destPort}`)
    return true
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    port,
    destinations,
    cut: sockets.cutAll,
    close: () => {
      sockets.cutAll()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}

export async function startHttpProxy(options: { auth?: boolean } = {}): Promise<TestProxy> {
  const destinations: string[] = []
  const sockets = tracker()
  const server = createProxy(createHttpServer())
  const expected = `Basic ${Buffer.from(`${proxyUser.username}:${proxyUser.password}`).toString('base64')}`
  const authorized = (req: IncomingMessage): boolean => !options.auth || req.headers['proxy-authorization'] === expected
  server.authenticate = authorized
  server.on('connection', (socket: Duplex) => sockets.track(socket))
  // The proxy answers 407 to a CONNECT it does not authorize: only the others are tunnels.
  server.on('connect', (req: IncomingMessage) => authorized(req) && destinations.push(req.url ?? ''))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('The HTTP proxy got no TCP port.')
  return {
    port: address.port,
    destinations,
    cut: sockets.cutAll,
    close: () => {
      sockets.cutAll()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}
