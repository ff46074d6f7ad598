import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mqtt from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestBroker, type TestBroker } from '../../tests/support/broker'
import { openWireClient } from '../../tests/support/wireClient'
import type { ConnectionStatus, RecordingSummary } from '../shared/contract'
import { startHeadless, type HeadlessOptions } from './headless'

describe('headless --record: always-on recording with no page open', () => {
  let broker: TestBroker
  let root: string
  let options: HeadlessOptions
  beforeAll(async () => {
    broker = await startTestBroker({ listeners: ['plain'] })
    root = await mkdtemp(join(tmpdir(), 'always-on-'))
    await mkdir(join(root, 'renderer'))
    await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html>')
    options = { host: '127.0.0.1', port: 0, dataDir: join(root, 'data'), rendererDir: join(root, 'renderer'), env: {}, allowedHosts: [] }
  })
  afterAll(async () => {
    await broker?.stop()
    await rm(root, { recursive: true, force: true })
  })

  it('connects the named profile at start and records what arrives; an unknown name is said in a sentence', async () => {
    const first = await startHeadless(options)
    const setup = await openWireClient({ serverOrigin: first.origin, token: first.token.value })
    const saved = await setup.call('profile:save', { name: 'Gateway', options: { protocol: 'mqtt', host: '127.0.0.1', port: broker.ports.plain }, subscriptions: [{ filter: 'site/#', qos: 1 }] })
    expect(saved.ok).toBe(true)
    await setup.close()
    await first.stop()

    const server = await startHeadless({ ...options, record: ['gateway', 'Roof sensors'] })
    try {
      expect(server.recordingNotes[0]).toMatch(/^Recording "Gateway" \(mqtt:\/\/127\.0\.0\.1:\d+\) into .+-Gateway-always-on\.$/)
      expect(server.recordingNotes[1]).toBe('No profile is named "Roof sensors", so it is not recorded. The profiles are: "Gateway".')
      const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.ports.plain}`, { reconnectPeriod: 0 })
      for (let i = 0; i < 10; i++) await publisher.publishAsync(`site/pump/${i}`, String(i), { qos: 1 })
      await publisher.endAsync()
      // A page opened later finds the connection (as the profile's tab) and the recording running.
      const page = await openWireClient({ serverOrigin: server.origin, token: server.token.value })
      const listed = async (): Promise<RecordingSummary | undefined> => {
        const reply = await page.call('recording:list', {})
        return reply.ok ? (reply.value as { recordings: RecordingSummary[] }).recordings[0] : undefined
      }
      // Written in batches every 100 ms: wait for the batch, not only the count of what arrived.
      await expect.poll(async () => (await listed())?.written, { timeout: 10_000 }).toBe(10)
      expect(await listed()).toMatchObject({ active: true, name: 'Gateway (always on)', received: 10, notWritten: 0 })
      const connections = await page.call('connection:list', {})
      expect(connections.ok && (connections.value as { connections: ConnectionStatus[] }).connections).toEqual([expect.objectContaining({ state: 'connected', profileId: expect.any(String) })])
      await page.close()
    } finally {
      await server.stop()
    }
  })
})
