import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { startTestBroker, type TestBroker } from '../support/broker'
import type { App } from './support/fixtures'
import { test } from './support/fixtures'
import { connectPeer } from './support/mqttPeer'
import { connectionTab, createProfile, fillProfile, profileForm, treeRow, waitForConnectionState } from './support/ui'

describe('TLS and WebSocket listeners', () => {
  let broker: TestBroker
  let peer: MqttClient
  beforeAll(async () => {
    broker = await startTestBroker({ listeners: ['plain', 'tls', 'ws'] })
    peer = await connectPeer(`mqtt://127.0.0.1:${broker.ports.plain}`)
  })
  afterAll(async () => {
    await peer?.endAsync()
    await broker?.stop()
  })

  const tlsProfile = (name: string) => ({
    name,
    protocol: 'mqtts' as const,
    host: '127.0.0.1',
    port: broker.ports.tls ?? 0,
    caFile: broker.files.ca,
    reconnectPeriodMs: 0
  })

  const connectTls = async (app: App, name: string): Promise<void> => {
    await createProfile(app.page, { ...tlsProfile(name), servername: broker.tlsServerName }, { connect: true })
    await waitForConnectionState(app.page, name, 'Connected')
  }

  test('dialing the IP explains the hostname mismatch; with the server name and the CA file it connects', async ({ app }) => {
    await app.open()
    await createProfile(app.page, tlsProfile('TLS broker'), { connect: true })
    const mismatch = app.page.getByRole('alert').filter({ hasText: "The broker's certificate is valid for" })
    await mismatch.waitFor()
    expect(await mismatch.textContent()).toContain(`${broker.tlsServerName}, not for "127.0.0.1"`)
    // The sentence points to a field by its label: that label must exist in the form.
    expect(await mismatch.textContent()).toContain('"Server name (SNI)" field')

    await app.page.getByRole('tab', { name: 'Profiles' }).click()
    await app.page.getByRole('button', { name: 'Edit TLS broker' }).click()
    const form = profileForm(app.page, 'TLS broker')
    // In the browser the files live on the gateway: paths are typed, and no native file dialog is offered.
    await form.getByLabel('CA certificate files').waitFor()
    expect(await form.getByRole('button', { name: /^Choose (CA certificate files|the client)/ }).count()).toBe(0)
    await form.getByLabel('Server name (SNI)').fill(broker.tlsServerName)
    await form.getByRole('button', { name: 'Save and connect' }).click()
    await waitForConnectionState(app.page, 'TLS broker', 'Connected')
  })

  test('the TLS key log field warns what its file allows, writes the session keys of an mqtts connection, and is refused for wss', async ({ app }) => {
    const dir = mkdtempSync(join(tmpdir(), 'e2e-keylog-'))
    try {
      const keyLog = join(dir, 'keys.log')
      await app.open()
      await app.page.getByRole('tab', { name: 'Profiles' }).click()
      await app.page.getByRole('button', { name: 'New profile' }).click()
      const form = profileForm(app.page)
      await fillProfile(form, { ...tlsProfile('Key log'), servername: broker.tlsServerName, keyLogFile: keyLog })
      await form.getByText('Anyone with this file can decrypt the captured traffic of these sessions, passwords included.', { exact: false }).waitFor()
      await form.getByRole('button', { name: 'Save and connect' }).click()
      await waitForConnectionState(app.page, 'Key log', 'Connected')
      const lines = readFileSync(keyLog, 'utf8').split('\n').filter(Boolean)
      expect(lines.length).toBeGreaterThan(0)
      expect(lines.every((line) => /^[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]+$/.test(line))).toBe(true)
      expect(statSync(keyLog).mode & 0o777).toBe(0o600)

      await app.page.getByRole('tab', { name: 'Profiles' }).click()
      await app.page.getByRole('button', { name: 'Edit Key log' }).click()
      const edit = profileForm(app.page, 'Key log')
      await edit.getByLabel('Protocol', { exact: true }).selectOption('wss')
      await edit.getByText('The TLS key log works on mqtts:// connections only (the WebSocket library keeps its TLS socket to itself). Use mqtts, or clear the key log file.').waitFor()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a WebSocket connection and a TLS connection stay open together, each with its own live tree', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Over WebSocket', protocol: 'ws', host: '127.0.0.1', port: broker.ports.ws ?? 0, path: broker.wsPath }, { connect: true })
    await waitForConnectionState(app.page, 'Over WebSocket', 'Connected')
    await connectTls(app, 'Over TLS')

    await peer.publishAsync('both/hello', 'to every subscriber', { qos: 1 })
    for (const name of ['Over WebSocket', 'Over TLS']) {
      await connectionTab(app.page, name).click()
      await app.page.locator('.connection-header strong', { hasText: name }).waitFor()
      await treeRow(app.page, 'both').filter({ hasText: '1 topic' }).waitFor()
    }
    await waitForConnectionState(app.page, 'Over WebSocket', 'Connected')
    await waitForConnectionState(app.page, 'Over TLS', 'Connected')
  })
})
