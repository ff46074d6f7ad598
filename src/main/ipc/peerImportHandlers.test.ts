import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startTestBroker, type TestBroker } from '../../../tests/support/broker'
import { testReceiver } from '../../../tests/support/deltaReceiver'
import { UserFacingError, type ArgsOf, type ReplyOf, type RequestName, type Result } from '../../shared/contract'
import { writeMqttxDatabase } from '../profiles/import/fixtures/mqttxDatabase'
import { allStoredBytes, tempDataDir } from '../profiles/testSupport'
import { createMainServices, type MainServices, type MainServicesOptions } from '../services'
import { dispatch } from './handlerTable'
import { createHandlerTable } from './handlers'

// Through the real handler table and services, with a real Mosquitto for the imported profile to connect to.
let broker: TestBroker
let data: ReturnType<typeof tempDataDir>
let services: MainServices | undefined
let call: <N extends RequestName>(name: N, args: ArgsOf<N>) => Promise<Result<ReplyOf<N>>>

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['auth'] })
})
afterAll(async () => broker?.stop())
afterEach(async () => {
  await services?.dispose()
  data.cleanup()
})

function open(extra: Partial<MainServicesOptions> = {}): void {
  data = tempDataDir()
  services = createMainServices({ dataDir: data.dir, emit: () => undefined, ...extra })
  const table = createHandlerTable(services)
  call = (name, args) => dispatch(table, name, args, testReceiver()) as never
}

async function value<N extends RequestName>(name: N, args: ArgsOf<N>): Promise<ReplyOf<N>> {
  const result = await call(name, args)
  if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`)
  return result.value
}

// MQTT Explorer's ids of two connections in the fixture: the preview's keys.
const PLANT = '3f1c2a9e-0d7b-4c55-9a51-7d9a3c1e2b40'
const CLOUD = 'a8d0e6b2-5f3a-4e1e-8a7b-1f2e3d4c5b6a'

const explorerFile = () => ({
  name: 'settings.json',
  bytes: new Uint8Array(readFileSync(join(__dirname, '../profiles/import/fixtures/mqtt-explorer-settings.json')))
})

describe('peer import handlers', () => {
  it('previews without passwords, then imports the chosen connections with their passwords encrypted', async () => {
    open()
    const preview = await value('profile:previewPeerImport', { app: 'mqtt-explorer', file: explorerFile() })
    expect(preview.kind).toBe('MQTT Explorer settings')
    expect(preview.candidates.map((c) => [c.key, c.name, c.hasPassword])).toEqual([
      [PLANT, 'Plant floor', true],
      [CLOUD, 'Cloud over WSS', false],
      ['mqtt.eclipseprojects.io', 'mqtt.eclipseprojects.io', false]
    ])
    expect(JSON.stringify(preview)).not.toContain('explorer-secret-1')
    expect(preview.skipped.map((s) => s.name)).toContain('No host')
    expect(await value('profile:list', {})).toEqual({ profiles: [] })

    const { imported, profiles } = await value('profile:importPeerProfiles', { app: 'mqtt-explorer', file: explorerFile(), keys: [PLANT, CLOUD] })
    expect(imported.map((p) => [p.name, p.hasPassword])).toEqual([
      ['Plant floor', true],
      ['Cloud over WSS', false]
    ])
    expect(profiles).toHaveLength(2)
    expect(allStoredBytes(data.dir)).not.toContain('explorer-secret-1')

    const without = await value('profile:importPeerProfiles', { app: 'mqtt-explorer', file: explorerFile(), keys: [PLANT], passwords: false })
    expect(without.imported.map((p) => [p.name, p.hasPassword])).toEqual([['Plant floor (imported)', false]])
  })

  it('imports the connections that were previewed even when the file changed meanwhile', async () => {
    open()
    const exported = JSON.parse(readFileSync(join(__dirname, '../profiles/import/fixtures/mqttx-export.json'), 'utf8')) as { id?: string; name: string }[]
    const file = (entries: unknown[]) => ({ name: 'MQTTX.json', bytes: new TextEncoder().encode(JSON.stringify(entries)) })
    const preview = await value('profile:previewPeerImport', { app: 'mqttx', file: file(exported) })
    expect(preview.kind).toBe('MQTTX export (JSON)')
    const yaml = { name: 'greenhouse.yaml', bytes: new Uint8Array(readFileSync(join(__dirname, '../profiles/import/fixtures/mqttx-export.yaml'))) }
    expect(await value('profile:previewPeerImport', { app: 'mqttx', file: yaml })).toMatchObject({ kind: 'MQTTX export (YAML)', candidates: [{ name: 'Greenhouse' }] })
    const lab = preview.candidates.find((c) => c.name === 'Lab over WebSocket')!
    expect(lab.key).toBe(exported[1]?.id)
    const changed = [{ ...exported[1], id: 'new-one', name: 'Added in MQTTX since' }, ...exported]
    const { imported } = await value('profile:importPeerProfiles', { app: 'mqttx', file: file(changed), keys: [lab.key] })
    expect(imported.map((p) => p.name)).toEqual(['Lab over WebSocket'])
  })

  it('writes inline certificates as owner-only files and points the profile at them', async () => {
    open()
    const { imported } = await value('profile:importPeerProfiles', { app: 'mqtt-explorer', file: explorerFile(), keys: [CLOUD] })
    const tls = imported[0]?.options.tls
    const dir = join(data.dir, 'certificates')
    expect(readdirSync(dir)).toHaveLength(3)
    for (const path of [tls?.caFiles[0], tls?.certFile, tls?.keyFile]) {
      expect(path?.startsWith(dir)).toBe(true)
      expect(statSync(path!).mode & 0o777).toBe(0o600)
    }
    expect(readFileSync(tls!.keyFile!, 'utf8')).toContain('MIIBfixtureKey')
    expect(tls?.caFiles[0]).toMatch(/-ca\.crt$/)

    const settings = JSON.parse(Buffer.from(explorerFile().bytes).toString('utf8'))
    settings.ConnectionManager_connections[CLOUD].selfSignedCertificate.name = '../../outside/évil ca.pem'
    const bytes = new TextEncoder().encode(JSON.stringify(settings))
    const { imported: again } = await value('profile:importPeerProfiles', { app: 'mqtt-explorer', file: { name: 'settings.json', bytes }, keys: [CLOUD] })
    const ca = again[0]!.options.tls!.caFiles[0]!
    expect(join(ca, '..')).toBe(dir)
    expect(ca).toMatch(/-\.\._\.\._outside__vil_ca\.pem$/)
  })

  it('imports from MQTTX.db by path and connects to the broker with the imported password', async () => {
    open({ userMachine: { platform: 'linux', env: {}, homedir: '/nonexistent' } })
    const peer = tempDataDir()
    const path = join(peer.dir, 'MQTTX.db')
    writeMqttxDatabase(path, { host: broker.host, port: broker.ports.auth!, username: broker.users.name, password: broker.users.password })
    const preview = await value('profile:previewPeerImport', { app: 'mqttx', file: { path } })
    expect(preview.kind).toBe('MQTTX database')
    const wrongApp = await call('profile:previewPeerImport', { app: 'mqtt-explorer', file: { path } })
    expect(wrongApp.ok ? '' : wrongApp.error.message).toBe(
      `${path} could not be read as MQTT Explorer's settings (it is a SQLite database, as MQTTX keeps), so nothing was imported. Choose MQTTX as the app it comes from, or MQTT Explorer's settings.json.`
    )
    const dev = preview.candidates.find((c) => c.name === 'Local dev')!
    const { imported } = await value('profile:importPeerProfiles', { app: 'mqttx', file: { path }, keys: [dev.key] })
    expect(imported[0]).toMatchObject({ name: 'Local dev', hasPassword: true, options: { username: broker.users.name } })
    peer.cleanup()
    expect(allStoredBytes(data.dir)).not.toContain(broker.users.password)
    const reply = await value('profile:connect', { connectionId: 'peer-1', profileId: imported[0]!.id })
    expect(reply.subscriptions.map((s) => [s.filter, s.grantedQos])).toEqual([['dev/#', 0]])
  })

  it('imports nothing when one chosen connection is not in the file, or the file is damaged', async () => {
    open()
    const missing = await call('profile:importPeerProfiles', { app: 'mqtt-explorer', file: explorerFile(), keys: [CLOUD, 'gone'] })
    expect(missing).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'A chosen connection is no longer in the file (it may have changed), so nothing was imported. Preview the file again.' }
    })
    const damaged = await call('profile:previewPeerImport', { app: 'mqttx', file: { name: 'MQTTX-export.yaml', bytes: new TextEncoder().encode('- name: x\n  host: [open\n  port: 1\n') } })
    expect(damaged.ok ? '' : damaged.error.message).toMatch(/^MQTTX-export\.yaml could not be read as an MQTTX export \(it is not valid YAML: /)
    expect(await value('profile:list', {})).toEqual({ profiles: [] })
    expect(() => readdirSync(join(data.dir, 'certificates'))).toThrow()
  })

  it('takes back the certificate files it wrote when the profiles cannot be saved, and imports without passwords when asked', async () => {
    // Where no keychain can keep a password (the desktop app on Linux without a keyring), sealing refuses.
    const message = 'No system keychain is available, so the password cannot be saved safely.'
    open({
      cipher: {
        keyDescription: 'the system keychain',
        seal: () => {
          throw new UserFacingError('storage', message)
        },
        open: () => ''
      }
    })
    const refused = await call('profile:importPeerProfiles', { app: 'mqtt-explorer', file: explorerFile(), keys: [CLOUD, PLANT] })
    expect(refused).toEqual({ ok: false, error: { code: 'storage', message: `Nothing was imported. ${message} To import without the passwords, untick "Save the passwords found".` } })
    expect(readdirSync(join(data.dir, 'certificates'))).toEqual([])
    expect(await value('profile:list', {})).toEqual({ profiles: [] })
    const { imported } = await value('profile:importPeerProfiles', { app: 'mqtt-explorer', file: explorerFile(), keys: [CLOUD, PLANT], passwords: false })
    expect(imported.map((p) => [p.name, p.hasPassword])).toEqual([
      ['Cloud over WSS', false],
      ['Plant floor', false]
    ])
    expect(readdirSync(join(data.dir, 'certificates'))).toHaveLength(3)
  })

  it('reads paths only on the user machine: a missing file is named, and headless mode refuses paths on the server', async () => {
    open({ userMachine: { platform: 'linux', env: {}, homedir: '/nonexistent' } })
    const gone = await call('profile:previewPeerImport', { app: 'mqttx', file: { path: join(data.dir, 'absent.db') } })
    expect(gone.ok ? '' : gone.error.message).toMatch(/absent\.db could not be opened \(.*ENOENT.*\), so nothing was imported\. Check that the file is still there\.$/)
    const withBom = join(data.dir, 'bom-settings.json')
    writeFileSync(withBom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(join(__dirname, '../profiles/import/fixtures/mqtt-explorer-settings.json'))]))
    expect((await value('profile:previewPeerImport', { app: 'mqtt-explorer', file: { path: withBom } })).candidates).toHaveLength(3)
    await services?.dispose()
    data.cleanup()
    open()
    const settings = join(data.dir, 'settings.json')
    writeFileSync(settings, readFileSync(join(__dirname, '../profiles/import/fixtures/mqtt-explorer-settings.json')))
    for (const request of [
      call('profile:previewPeerImport', { app: 'mqtt-explorer', file: { path: settings } }),
      call('profile:importPeerProfiles', { app: 'mqtt-explorer', file: { path: settings }, keys: [PLANT] })
    ]) {
      expect(await request).toEqual({ ok: false, error: { code: 'unsupported', message: 'In headless mode the file is read by the browser: use "Choose file…" rather than a path on the server.' } })
    }
    expect(await value('profile:list', {})).toEqual({ profiles: [] })
  })

  it('offers discovery only where main runs on the user machine', async () => {
    open()
    expect(await value('app:capabilities', {})).toMatchObject({ peerDiscovery: false })
    const headless = await call('profile:findPeerData', {})
    expect(headless).toEqual({ ok: false, error: { code: 'unsupported', message: "Looking for other apps' files works in the desktop app only; choose the file instead." } })
    await services?.dispose()
    data.cleanup()

    const home = tempDataDir()
    try {
      mkdirSync(join(home.dir, '.config', 'MQTTX'), { recursive: true })
      writeMqttxDatabase(join(home.dir, '.config', 'MQTTX', 'MQTTX.db'))
      open({ userMachine: { platform: 'linux', env: {}, homedir: home.dir } })
      expect(await value('app:capabilities', {})).toMatchObject({ peerDiscovery: true })
      expect(await value('profile:findPeerData', {})).toEqual({ files: [{ app: 'mqttx', path: join(home.dir, '.config', 'MQTTX', 'MQTTX.db'), kind: 'MQTTX database' }] })
    } finally {
      home.cleanup()
    }
  })
})
