import type { MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { startTestBroker, type TestBroker } from '../support/broker'
import { proxyUser, startHttpProxy, startSocksProxy, type TestProxy } from '../support/proxies'
import { test } from './support/fixtures'
import { connectPeer } from './support/mqttPeer'
import { createProfile, profileForm, treeRow, waitForConnectionState } from './support/ui'

describe('connecting through proxies', () => {
  let broker: TestBroker
  let socks: TestProxy
  let http: TestProxy
  let peer: MqttClient
  beforeAll(async () => {
    broker = await startTestBroker({ listeners: ['plain', 'ws'] })
    socks = await startSocksProxy({ auth: true })
    http = await startHttpProxy({ auth: true })
    peer = await connectPeer(`mqtt://127.0.0.1:${broker.ports.plain}`)
  })
  afterAll(async () => {
    await peer?.endAsync()
    await socks?.close()
    await http?.close()
    await broker?.stop()
  })

  test('a wrong SOCKS5 password says the proxy refused it; the right one connects, and the proxy carried the traffic', async ({ app }) => {
    await app.open()
    const proxy = { kind: 'socks5' as const, host: '127.0.0.1', port: socks.port, username: proxyUser.username, password: 'not-it' }
    await createProfile(app.page, { name: 'Behind SOCKS', host: '127.0.0.1', port: broker.ports.plain ?? 0, reconnectPeriodMs: 0, proxy }, { connect: true })
    const refusal = app.page.getByRole('alert').filter({ hasText: 'SOCKS5 proxy' })
    await refusal.waitFor()
    expect(await refusal.textContent()).toContain('it refused the proxy user name or password. Check both in the profile.')
    await waitForConnectionState(app.page, 'Behind SOCKS', 'Error')

    await app.page.getByRole('tab', { name: 'Profiles' }).click()
    await app.page.getByRole('button', { name: 'Edit Behind SOCKS' }).click()
    const form = profileForm(app.page, 'Behind SOCKS')
    await form.getByLabel('Proxy password', { exact: true }).fill(proxyUser.password)
    await form.getByRole('button', { name: 'Save and connect' }).click()
    await waitForConnectionState(app.page, 'Behind SOCKS', 'Connected')
    expect(socks.destinations).toEqual([`127.0.0.1:${broker.ports.plain}`])
  })

  test('a WebSocket profile behind an HTTP CONNECT proxy shows live messages', async ({ app }) => {
    await app.open()
    const proxy = { kind: 'http' as const, host: '127.0.0.1', port: http.port, ...proxyUser }
    await createProfile(app.page, { name: 'Behind HTTP', protocol: 'ws', host: '127.0.0.1', port: broker.ports.ws ?? 0, path: broker.wsPath, proxy }, { connect: true })
    await waitForConnectionState(app.page, 'Behind HTTP', 'Connected')
    // Retained: "Connected" comes before the profile's subscription is in place, and a live message could arrive before it.
    await peer.publishAsync('proxied/hello', 'through the proxy', { qos: 1, retain: true })
    await treeRow(app.page, 'proxied').waitFor()
    expect(http.destinations).toEqual([`127.0.0.1:${broker.ports.ws}`])
  })
})
