import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { startTestBroker, type TestBroker } from '../support/broker'
import { test } from './support/fixtures'
import { waitForConnectionState } from './support/ui'

const FIXTURE = join(import.meta.dirname, '..', '..', 'src', 'main', 'profiles', 'import', 'fixtures', 'mqtt-explorer-settings.json')

/** The MQTT Explorer fixture with "Plant floor" pointed at the test broker's password listener. */
function settingsFor(broker: TestBroker): Buffer {
  const settings = JSON.parse(readFileSync(FIXTURE, 'utf8'))
  Object.assign(settings.ConnectionManager_connections['3f1c2a9e-0d7b-4c55-9a51-7d9a3c1e2b40'], {
    host: broker.host,
    port: broker.ports.auth,
    username: broker.users.name,
    password: broker.users.password
  })
  return Buffer.from(JSON.stringify(settings))
}

describe('import from MQTT Explorer', () => {
  let broker: TestBroker
  beforeAll(async () => {
    broker = await startTestBroker({ listeners: ['auth'] })
  })
  afterAll(() => broker?.stop())

  test('a settings file chosen in the browser is previewed, the chosen connection imported, and it connects with its password', async ({ app }) => {
    await app.open()
    const page = app.page
    await page.getByRole('tab', { name: 'Profiles' }).click()
    await page.getByRole('button', { name: 'Import from MQTT Explorer / MQTTX…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import from MQTT Explorer or MQTTX' })
    await dialog.getByLabel('MQTT Explorer or MQTTX file to import').setInputFiles({ name: 'settings.json', mimeType: 'application/json', buffer: settingsFor(broker) })

    const list = dialog.getByRole('list', { name: 'Connections to import' })
    await list.getByText('Plant floor').waitFor()
    expect(await list.getByRole('checkbox').count()).toBe(3)
    expect(await list.textContent()).toContain(`mqtt://${broker.host}:${broker.ports.auth} · MQTT 3.1.1 · 2 subscriptions · password found (saved encrypted)`)
    const unmapped = dialog.getByRole('region', { name: 'Cannot be mapped' })
    expect(await unmapped.textContent()).toContain('No host (not imported): Enter the broker host name or address.')

    await list.getByRole('checkbox', { name: 'Cloud over WSS' }).uncheck()
    await list.getByRole('checkbox', { name: 'mqtt.eclipseprojects.io' }).uncheck()
    await dialog.getByRole('button', { name: 'Import 1 connection' }).click()
    await page.getByRole('status').filter({ hasText: 'Imported 1 profile.' }).waitFor()
    // A profile's button reads "Edit <name>" (the word is for screen readers) and shows its address.
    expect(await page.getByRole('button', { name: /^Edit / }).allTextContents()).toEqual([`Edit Plant floormqtt://${broker.host}:${broker.ports.auth}`])

    await page.getByRole('button', { name: 'Connect Plant floor' }).click()
    await waitForConnectionState(page, 'Plant floor', 'Connected')
  })
})
