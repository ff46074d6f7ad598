import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mqtt from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWireClient } from '../../tests/support/wireClient'
import type { Profile } from '../shared/contract'
import { startHeadless, type Headless } from './headless'

describe('headless server with the profile services', () => {
  let root: string
  let dataDir: string
  const servers: Headless[] = []

  const start = async (): Promise<Headless> => {
    const server = await startHeadless({ host: '127.0.0.1', port: 0, dataDir, rendererDir: join(root, 'renderer'), env: {}, allowedHosts: [] })
    servers.push(server)
    return server
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'headless-profiles-'))
    dataDir = join(root, 'data')
    await mkdir(join(root, 'renderer'))
    await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html>')
  })
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()))
    await rm(root, { recursive: true, force: true })
  })

  it('runs the built-in broker only with --broker, stops it with the server, and serves its status to the page', async () => {
    const off = await start()
    expect(off.brokerNote).toBeNull()
    const page = await openWireClient({ serverOrigin: off.origin, token: off.token.value })
    expect(await page.call('broker:status', {})).toMatchObject({ ok: true, value: { running: false } })
    await page.close()

    const on = await startHeadless({ host: '127.0.0.1', port: 0, dataDir, rendererDir: join(root, 'renderer'), env: {}, allowedHosts: [], brokerPort: 0 })
    servers.push(on)
    const url = /mqtt:\/\/127\.0\.0\.1:(\d+)/.exec(on.brokerNote ?? '')?.[0]
    expect(on.brokerNote).toBe(`The built-in broker listens on ${url}.`)
    const device = await mqtt.connectAsync(url ?? '', { reconnectPeriod: 0 })
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()))
    await on.stop()
    await closed

    // A broker port in use stops the start with the sentence and leaves the web port free again (the web port
    // here is the stopped broker's, known to be free).
    const webPort = Number(new URL(url ?? '').port)
    const blocker = await startHeadless({ host: '127.0.0.1', port: 0, dataDir, rendererDir: join(root, 'renderer'), env: {}, allowedHosts: [], brokerPort: 0 })
    servers.push(blocker)
    const blocked = Number(/:(\d+)\.$/.exec(blocker.brokerNote ?? '')?.[1])
    await expect(startHeadless({ host: '127.0.0.1', port: webPort, dataDir, rendererDir: join(root, 'renderer'), env: {}, allowedHosts: [], brokerPort: blocked })).rejects.toThrow(`The TCP port ${blocked} on 127.0.0.1 is already used by another program.`)
    const again = await startHeadless({ host: '127.0.0.1', port: webPort, dataDir, rendererDir: join(root, 'renderer'), env: {}, allowedHosts: [] })
    servers.push(again)
  })

  it('keeps profiles in the data directory, the password sealed with a private key file, across restarts', async () => {
    const first = await start()
    const client = await openWireClient({ serverOrigin: first.origin, token: first.token.value })
    const saved = await client.call('profile:save', {
      name: 'Gateway broker',
      options: { protocol: 'mqtt', host: '127.0.0.1', port: 1883 },
      password: 'plain-text-must-not-be-stored'
    })
    expect(saved).toMatchObject({ ok: true, value: { profile: { name: 'Gateway broker', hasPassword: true } } })
    await client.waitForEvent('profile:changed')
    await client.close()
    await first.stop()

    for (const file of await readdir(dataDir)) {
      expect(await readFile(join(dataDir, file), 'utf8')).not.toContain('plain-text-must-not-be-stored')
      expect((await stat(join(dataDir, file))).mode & 0o077).toBe(0)
    }

    const second = await start()
    expect(second.token).toEqual({ value: first.token.value, source: 'file' })
    const again = await openWireClient({ serverOrigin: second.origin, token: second.token.value })
    const listed = await again.call('profile:list', {})
    expect(listed.ok && (listed.value as { profiles: Profile[] }).profiles.map((p) => [p.name, p.hasPassword])).toEqual([['Gateway broker', true]])
    await again.close()
  })

  it('exports profiles as text for the browser to download, but writes no file on the gateway', async () => {
    const server = await start()
    const client = await openWireClient({ serverOrigin: server.origin, token: server.token.value })
    const target = join(root, 'written-by-a-page.json')
    const refused = await client.call('profile:export', { filePath: target })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringContaining('downloaded') } })
    await expect(stat(target)).rejects.toThrow()
    expect(await client.call('profile:export', {})).toMatchObject({ ok: true, value: { count: expect.any(Number) } })
    await client.close()
  })

  it('starts after damaged backup copies of the profiles and the publish history, and names them', async () => {
    const first = await start()
    const saver = await openWireClient({ serverOrigin: first.origin, token: first.token.value })
    expect(await saver.call('profile:save', { name: 'Backed up', options: { protocol: 'mqtt', host: '127.0.0.1', port: 1883 } })).toMatchObject({ ok: true })
    await saver.close()
    await first.stop()
    const damaged = ['profiles.last-good.json', 'publish-history.last-good.json']
    for (const name of damaged) await writeFile(join(dataDir, name), '{"schemaVersion": 1, "prof')
    for (let round = 0; round < 2; round++) {
      const server = await start()
      const client = await openWireClient({ serverOrigin: server.origin, token: server.token.value })
      const listed = await client.call('profile:list', {})
      expect(listed.ok && (listed.value as { profiles: Profile[] }).profiles.map((p) => p.name)).toContain('Backed up')
      const notices = await client.call('profile:notices', {})
      const messages = notices.ok ? (notices.value as { notices: { message: string }[] }).notices.map((n) => n.message) : []
      // The first start moves both aside and says so; the next one has nothing to say.
      expect(messages).toEqual(round === 0 ? damaged.map((name) => expect.stringContaining(join(dataDir, name))) : [])
      await client.close()
      await server.stop()
    }
  })
})
