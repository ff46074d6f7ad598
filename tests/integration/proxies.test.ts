// Connections through real proxies on loopback (SOCKS5 and HTTP CONNECT) to the real test broker, on TCP, TLS
// and WebSocket; each test checks the proxy carried the traffic, and that proxy failures say so in their own words.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ConnectionManager } from '../../src/main/mqtt/connectionManager'
import type { ProxyOptions } from '../../src/shared/contract'
import { startTestBroker, type ListenerName, type TestBroker } from '../support/broker'
import { freePorts } from '../support/broker/ports'
import { proxyUser, startHttpProxy, startSocksProxy, type TestProxy } from '../support/proxies'
import { bytes, nextMessage, nextStatus, optionsFor, rejectionOf } from './connectionKit'

let broker: TestBroker
let manager: ConnectionManager
const proxies: TestProxy[] = []
let counter = 0

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['plain', 'tls', 'ws', 'wss'] })
})
afterEach(async () => {
  await manager?.dispose()
})
afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()))
  await broker?.stop()
})

const kinds = {
  socks5: startSocksProxy,
  http: startHttpProxy
} satisfies Record<ProxyOptions['kind'], unknown>

async function started(kind: ProxyOptions['kind'], auth: boolean): Promise<TestProxy> {
  const proxy = await kinds[kind]({ auth })
  proxies.push(proxy)
  return proxy
}

function through(kind: ProxyOptions['kind'], port: number, credentials: Partial<typeof proxyUser> = {}): ProxyOptions {
  return { kind, host: '127.0.0.1', port, ...credentials }
}

function listenerOptions(listener: ListenerName, proxy: ProxyOptions) {
  const tls = listener === 'tls' || listener === 'wss' ? { tls: { caFiles: [broker.files.ca], servername: broker.tlsServerName } } : {}
  return optionsFor(broker, listener, { ...tls, proxy })
}

it('says the SOCKS5 proxy would not open the connection when its rules forbid it', async () => {
  const proxy = await startSocksProxy({ refuse: true })
  proxies.push(proxy)
  manager = new ConnectionManager()
  const error = await rejectionOf(manager.connect('forbidden', listenerOptions('plain', through('socks5', proxy.port))))
  expect(error).toEqual(expect.objectContaining({ code: 'proxy-refused' }))
  expect(error.message).toBe(
    `The SOCKS5 proxy at 127.0.0.1:${proxy.port} refused to open a connection to the broker at ${broker.host}:${broker.ports.plain} (SOCKS5 reply NotAllowed). Check the broker host and port, that the broker is running, and that the proxy allows connections to it.`
  )
})

it('writes the TLS key log of an mqtts session that goes through a proxy', async () => {
  const proxy = await started('socks5', false)
  const dir = mkdtempSync(join(tmpdir(), 'proxy-keylog-'))
  try {
    const keyLogFile = join(dir, 'keys.log')
    manager = new ConnectionManager()
    await manager.connect('keys', optionsFor(broker, 'tls', { tls: { caFiles: [broker.files.ca], servername: broker.tlsServerName, keyLogFile }, proxy: through('socks5', proxy.port) }))
    expect(readFileSync(keyLogFile, 'utf8')).toMatch(/^(CLIENT_RANDOM|[A-Z_]+_SECRET(_0)?) [0-9a-f]{64} [0-9a-f]+$/m)
    expect(proxy.destinations).toEqual([`${broker.host}:${broker.ports.tls}`])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

describe.each(['socks5', 'http'] as const)('through a %s proxy', (kind) => {
  it.each(['plain', 'tls', 'ws', 'wss'] as const)('connects to the %s listener, round-trips a message, and the proxy carried it', async (listener) => {
    const proxy = await started(kind, true)
    manager = new ConnectionManager()
    await manager.connect('p', listenerOptions(listener, through(kind, proxy.port, proxyUser)))
    const topic = `proxy/${process.pid}/${++counter}`
    await manager.subscribe('p', [{ filter: topic, qos: 1 }])
    const arrival = nextMessage(manager, 'p', topic)
    await manager.publish('p', { topic, payload: bytes('via proxy'), qos: 1, retain: false })
    expect(Buffer.from((await arrival).payload).toString()).toBe('via proxy')
    expect(proxy.destinations).toEqual([`${broker.host}:${broker.ports[listener]}`])
  })

  it('reconnects through the proxy after the proxy dropped the tunnel', async () => {
    const proxy = await started(kind, false)
    manager = new ConnectionManager()
    await manager.connect('again', { ...listenerOptions('plain', through(kind, proxy.port)), reconnectPeriodMs: 100 })
    const back = nextStatus(manager, 'again', 'connected')
    proxy.cut()
    await back
    expect(proxy.destinations).toEqual([`${broker.host}:${broker.ports.plain}`, `${broker.host}:${broker.ports.plain}`])
  })

  it('checks the broker certificate end to end inside the tunnel', async () => {
    const proxy = await started(kind, false)
    manager = new ConnectionManager()
    for (const listener of ['tls', 'wss'] as const) {
      const error = await rejectionOf(manager.connect(`mismatch-${listener}`, optionsFor(broker, listener, { tls: { caFiles: [broker.files.ca] }, proxy: through(kind, proxy.port) })))
      expect(error.code).toBe('tls-hostname-mismatch')
      expect(error.message).toMatch(/^The broker's certificate is valid for .*, not for "127\.0\.0\.1"\./)
    }
  })

  it('says the proxy refused the credentials when they are wrong, and asks for them when none are given', async () => {
    const proxy = await started(kind, true)
    manager = new ConnectionManager()
    const wrong = await rejectionOf(manager.connect('wrong', listenerOptions('plain', through(kind, proxy.port, { ...proxyUser, password: 'nope' }))))
    expect(wrong.code).toBe('proxy-auth-failed')
    expect(wrong.message).toMatch(new RegExp(`^The ${kind === 'http' ? 'HTTP' : 'SOCKS5'} proxy at 127\\.0\\.0\\.1:${proxy.port} did not let this app through \\(.+\\): it refused the proxy user name or password\\. Check both in the profile\\.$`))
    const none = await rejectionOf(manager.connect('none', listenerOptions('plain', through(kind, proxy.port))))
    expect(none.code).toBe('proxy-auth-failed')
    expect(none.message).toContain('it asks for a user name and password. Enter the proxy user name and password in the profile.')
    expect(proxy.destinations).toEqual([])
  })

  it('says the proxy cannot be reached when nothing listens on its port', async () => {
    const [port] = (await freePorts(1)) as [number]
    manager = new ConnectionManager()
    const error = await rejectionOf(manager.connect('down', listenerOptions('plain', through(kind, port))))
    expect(error).toMatchObject({ code: 'proxy-unreachable' })
    expect(error.message).toBe(
      `The ${kind === 'http' ? 'HTTP' : 'SOCKS5'} proxy at 127.0.0.1:${port} cannot be reached (ECONNREFUSED). Check the proxy host and port in the profile, and that the proxy is running.`
    )
  })

  it('says the proxy did not open the tunnel in time when it accepts and stays silent, before mqtt.js gives up on the broker', async () => {
    const silent = createServer(() => undefined)
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as AddressInfo
    manager = new ConnectionManager()
    try {
      for (const listener of ['plain', 'ws'] as const) {
        const error = await rejectionOf(manager.connect(`silent-${listener}`, { ...listenerOptions(listener, through(kind, port)), connectTimeoutMs: 1_000 }))
        expect(error).toEqual(expect.objectContaining({ code: 'proxy-unreachable' }))
        expect(error.message).toMatch(new RegExp(`^The ${kind === 'http' ? 'HTTP' : 'SOCKS5'} proxy at 127\\.0\\.0\\.1:${port} did not open the connection to the broker at .+ within the connect timeout\\.`))
      }
    } finally {
      silent.close()
    }
  })

  it('says the proxy could not reach the broker when nothing listens behind it', async () => {
    const proxy = await started(kind, false)
    const [closed] = (await freePorts(1)) as [number]
    manager = new ConnectionManager()
    const error = await rejectionOf(manager.connect('no-broker', { ...listenerOptions('plain', through(kind, proxy.port)), port: closed }))
    expect(error.code).toBe('proxy-refused')
    expect(error.message).toMatch(new RegExp(`refused to open a connection to the broker at 127\\.0\\.0\\.1:${closed} \\(.+\\)\\. Check the broker host and port`))
  })
})
