import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestBroker, type TestBroker } from '../../../tests/support/broker'
import type { ArgsOf, RequestName, ReplyOf, Result } from '../../shared/contract'
import { allStoredBytes, tempDataDir } from '../profiles/testSupport'
import { createMainServices, type MainServices } from '../services'
import { dispatch } from './handlerTable'
import { createHandlerTable } from './handlers'
import { testReceiver } from '../../../tests/support/deltaReceiver'
import { proxyUser, startSocksProxy } from '../../../tests/support/proxies'

// Through the real handler table and services, as the Electron adapter and the headless server call them.
let broker: TestBroker
let data: ReturnType<typeof tempDataDir>
let services: MainServices
let call: <N extends RequestName>(name: N, args: ArgsOf<N>) => Promise<Result<ReplyOf<N>>>

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['auth', 'aclPlugin'] })
})
afterAll(async () => broker?.stop())

beforeEach(() => {
  data = tempDataDir()
  services = createMainServices({ dataDir: data.dir, emit: () => undefined })
  const table = createHandlerTable(services)
  call = (name, args) => dispatch(table, name, args, testReceiver()) as never
})
afterEach(async () => {
  await services.dispose()
  data.cleanup()
})

async function value<N extends RequestName>(name: N, args: ArgsOf<N>): Promise<ReplyOf<N>> {
  const result = await call(name, args)
  if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`)
  return result.value
}

const authProfile = (password?: string) => ({
  name: 'Auth broker',
  options: { protocol: 'mqtt' as const, host: broker.host, port: broker.ports.auth!, username: broker.users.name, connectTimeoutMs: 5_000, reconnectPeriodMs: 0 },
  ...(password !== undefined && { password })
})

describe('profile handlers', () => {
  it('answers invalid fields with sentences and saves nothing', async () => {
    const port = await call('profile:save', { name: 'x', options: { protocol: 'mqtt', host: 'h', port: 70000 } })
    expect(port).toEqual({ ok: false, error: { code: 'invalid-argument', message: 'The port must be between 1 and 65535. (options.port)' } })
    const tls = await call('profile:save', { name: 'x', options: { protocol: 'ws', host: 'h', port: 80, tls: { servername: 'a' } } })
    expect(tls.ok ? '' : tls.error.message).toBe(
      'TLS settings apply only to mqtts:// and wss:// connections. Switch the protocol to mqtts or wss, or clear the TLS fields. (options.tls)'
    )
    const keyLog = await call('profile:save', { name: 'x', options: { protocol: 'wss', host: 'h', port: 443, tls: { keyLogFile: '/tmp/keys.log' } } })
    expect(keyLog.ok ? '' : keyLog.error.message).toMatch(/^The TLS key log works on mqtts:\/\/ connections only .*\(options\.tls\.keyLogFile\)$/)
    const proxyPort = await call('profile:save', { name: 'x', options: { protocol: 'mqtt', host: 'h', port: 1, proxy: { kind: 'http', host: 'p', port: 0 } } })
    expect(proxyPort.ok ? '' : proxyPort.error.message).toBe('The proxy port must be between 1 and 65535. (options.proxy.port)')
    const proxyHost = await call('profile:save', { name: 'x', options: { protocol: 'mqtt', host: 'h', port: 1, proxy: { kind: 'socks5', host: ' ', port: 1080 } } })
    expect(proxyHost.ok ? '' : proxyHost.error.message).toBe('Enter the proxy host name or address. (options.proxy.host)')
    const proxyUser = await call('profile:save', { name: 'x', options: { protocol: 'mqtt', host: 'h', port: 1, proxy: { kind: 'socks5', host: 'p', port: 1080 } }, proxyPassword: 'pw' })
    expect(proxyUser.ok ? '' : proxyUser.error.message).toBe('A proxy password needs a proxy user name. Enter the user name, or clear the proxy password. (options.proxy.username)')
    const name = await call('profile:save', { name: '   ', options: { protocol: 'mqtt', host: 'h', port: 1 } })
    expect(name.ok ? '' : name.error.message).toBe('Give the profile a name. (name)')
    const v5 = await call('profile:save', { name: 'x', options: { protocol: 'mqtt', host: 'h', port: 1 }, subscriptions: [{ filter: 'a/#', noLocal: true }] })
    expect(v5.ok ? '' : v5.error.message).toMatch(/^The subscription "a\/#" uses MQTT 5\.0 options/)
    expect(await value('profile:list', {})).toEqual({ profiles: [] })
  })

  it('connects with the saved password (decrypted in main only) and subscribes the profile subscriptions', async () => {
    const { profile } = await value('profile:save', authProfile(broker.users.password))
    expect(profile).toMatchObject({ hasPassword: true })
    expect(JSON.stringify(await value('profile:list', {}))).not.toContain(broker.users.password)
    expect(allStoredBytes(data.dir)).not.toContain(broker.users.password)
    const reply = await value('profile:connect', { connectionId: 'c1', profileId: profile.id })
    expect(reply.connectionId).toBe('c1')
    expect(reply.subscriptions.map((s) => [s.filter, s.grantedQos])).toEqual([
      ['#', 0],
      ['$SYS/#', 0]
    ])
    expect(await value('connection:list', {})).toEqual({ connections: [expect.objectContaining({ connectionId: 'c1', profileId: profile.id, state: 'connected' })] })
  })

  it('connects through a SOCKS5 proxy with its saved (sealed) password, and a one-time proxy password wins', async () => {
    const proxy = await startSocksProxy({ auth: true })
    try {
      const saved = { ...authProfile(broker.users.password), proxyPassword: proxyUser.password }
      const { profile } = await value('profile:save', { ...saved, options: { ...saved.options, proxy: { kind: 'socks5', host: '127.0.0.1', port: proxy.port, username: proxyUser.username } } })
      expect(profile).toMatchObject({ hasProxyPassword: true })
      expect(JSON.stringify(await value('profile:list', {}))).not.toContain(proxyUser.password)
      expect(allStoredBytes(data.dir)).not.toContain(proxyUser.password)
      await value('profile:connect', { connectionId: 'via-proxy', profileId: profile.id })
      expect(proxy.destinations).toEqual([`${broker.host}:${broker.ports.auth}`])
      const wrong = await call('profile:connect', { connectionId: 'wrong-proxy', profileId: profile.id, proxyPassword: 'not it' })
      expect(wrong.ok ? '' : wrong.error.code).toBe('proxy-auth-failed')
    } finally {
      await services.dispose()
      await proxy.close()
    }
  })

  it('shows the engine sentence when a one-time password is wrong', async () => {
    const { profile } = await value('profile:save', authProfile(broker.users.password))
    const wrong = await call('profile:connect', { connectionId: 'c2', profileId: profile.id, password: 'wrong-password' })
    expect(wrong.ok).toBe(false)
    if (!wrong.ok) {
      expect(['bad-credentials', 'not-authorized']).toContain(wrong.error.code)
      expect(wrong.error.message).toMatch(/refused/)
    }
  })

  it.runIf(process.env.MQTT_TEST_BROKER !== 'aedes')('reports a refused subscription of the profile filter by filter', async () => {
    const { profile } = await value('profile:save', {
      ...authProfile(broker.users.password),
      options: { ...authProfile().options, port: broker.ports.aclPlugin!, protocolVersion: 5 },
      subscriptions: [{ filter: broker.aclDeniedTopic }, { filter: 'allowed/#', qos: 1 }]
    })
    const reply = await value('profile:connect', { connectionId: 'c3', profileId: profile.id })
    expect(reply.subscriptions[0]).toMatchObject({ filter: broker.aclDeniedTopic, grantedQos: null, error: { code: 'subscription-refused' } })
    expect(reply.subscriptions[1]).toMatchObject({ filter: 'allowed/#', grantedQos: 1 })
  })

  it('exports to a chosen file, imports it back, and refuses broken JSON without changes', async () => {
    const { profile } = await value('profile:save', authProfile(broker.users.password))
    const filePath = join(data.dir, 'profiles-export.json')
    const exported = await value('profile:export', { filePath })
    expect(exported).toMatchObject({ count: 1, filePath, warnings: [] })
    expect(readFileSync(filePath, 'utf8')).toBe(exported.json)
    expect(exported.json).not.toContain(broker.users.password)
    const imported = await value('profile:import', { json: exported.json })
    expect(imported.imported.map((p) => [p.name, p.hasPassword])).toEqual([['Auth broker (imported)', false]])
    const broken = await call('profile:import', { json: exported.json.slice(0, 40) })
    expect(broken.ok ? '' : broken.error.message).toMatch(/^The file is not valid JSON .*so nothing was imported\./)
    expect((await value('profile:list', {})).profiles).toHaveLength(2)
    expect(existsSync(join(data.dir, 'secret.key'))).toBe(true)
    await value('profile:delete', { id: profile.id })
  })

  it('keeps publish history and templates per profile, and forgets them with the profile', async () => {
    const { profile } = await value('profile:save', authProfile())
    const payload = new TextEncoder().encode('{"on":1}')
    await value('profile:addPublishHistory', { profileId: profile.id, entry: { topic: 'a/b', payload, payloadFormat: 'json', qos: 1 } })
    const { entries } = await value('profile:publishHistory', { profileId: profile.id })
    expect(entries).toMatchObject([{ topic: 'a/b', payload, payloadFormat: 'json', qos: 1, retain: false }])
    const saved = await value('profile:saveTemplate', { profileId: profile.id, template: { name: 'On', topic: 'a/b', payload } })
    expect(saved.templates.map((t) => t.name)).toEqual(['On'])
    await value('profile:delete', { id: profile.id })
    const gone = await call('profile:publishHistory', { profileId: profile.id })
    expect(gone).toEqual({ ok: false, error: { code: 'not-found', message: 'That profile no longer exists. It may have been deleted in another window.' } })
    expect(await value('profile:notices', {})).toEqual({ notices: [] })
  })
})
