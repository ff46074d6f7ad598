// Templates with variables and "simulate a device" in the composer, with an mqtt.js subscriber beside the app as the
// judge of what the broker really got.
import type { MqttClient } from 'mqtt'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { startTestBroker, type TestBroker } from '../support/broker'
import { test } from './support/fixtures'
import { connectPeer, type SeenMessage } from './support/mqttPeer'
import { createProfile, typeIntoEditor, waitForConnectionState, composerOf } from './support/ui'

/** Replaces the payload editor's text; the brackets the editor closes by itself land after the cursor and are deleted. */
async function pastePayload(page: Page, text: string): Promise<void> {
  await typeIntoEditor(page, 'Payload', text)
  await page.keyboard.press('ControlOrMeta+Shift+End')
  await page.keyboard.press('Delete')
}

describe('templates with variables and device simulation', () => {
  let broker: TestBroker
  let peer: MqttClient
  const seen: SeenMessage[] = []
  beforeAll(async () => {
    broker = await startTestBroker({ listeners: ['plain'] })
    peer = await connectPeer(`mqtt://127.0.0.1:${broker.ports.plain}`)
    await peer.subscribeAsync('e2e/tpl/#', { qos: 1 })
    peer.on('message', (topic, payload, packet) => seen.push({ topic, payload: payload.toString(), qos: packet.qos, retain: packet.retain }))
  })
  afterAll(async () => {
    await peer?.endAsync()
    await broker?.stop()
  })

  const until = async (count: number): Promise<void> => {
    for (let waited = 0; seen.length < count && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50))
  }

  test('fills {{ask}}, {{counter}} and {{random}} at each send, keeps the template unfilled over a reload, and simulates a device at a rate', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Templates', host: '127.0.0.1', port: broker.ports.plain ?? 0 }, { connect: true })
    await waitForConnectionState(app.page, 'Templates', 'Connected')
    const composer = await composerOf(app.page)
    await composer.getByLabel('Topic', { exact: true }).fill('e2e/tpl/{{ask device}}/cmd')
    await composer.getByLabel('QoS', { exact: true }).selectOption('1')
    await pastePayload(app.page, '{"n":{{counter}},"roll":{{random 1 6}}}')
    await composer.getByLabel('device', { exact: true }).fill('pump7')
    for (let i = 0; i < 2; i++) await composer.getByRole('button', { name: 'Publish', exact: true }).click()
    await until(2)
    expect(seen.map((m) => m.topic)).toEqual(['e2e/tpl/pump7/cmd', 'e2e/tpl/pump7/cmd'])
    const sent = seen.map((m) => JSON.parse(m.payload) as { n: number; roll: number })
    expect(sent.map((p) => p.n).sort()).toEqual([1, 2])
    for (const { roll } of sent) expect(roll >= 1 && roll <= 6 && Number.isInteger(roll)).toBe(true)

    await composer.getByLabel('Template name').fill('Pump command')
    await composer.getByRole('button', { name: 'Save as template' }).click()
    await composer.getByText('Saved template "Pump command".').waitFor()
    await app.page.reload()
    await app.page.getByRole('tab', { name: 'Templates (Connected)' }).click()
    const reopened = await composerOf(app.page)
    await reopened.getByRole('button', { name: 'Use template Pump command' }).click()
    expect(await reopened.getByLabel('Topic', { exact: true }).inputValue()).toBe('e2e/tpl/{{ask device}}/cmd')

    seen.length = 0
    await reopened.getByLabel('Topic', { exact: true }).fill('e2e/tpl/sim/temp')
    await pastePayload(app.page, '{"t":{{randomFloat 18 25 1}},"n":{{counter}}}')
    await reopened.getByLabel('Messages per second').fill('20')
    await reopened.getByLabel('How many (empty: until stopped)').fill('10')
    await reopened.getByRole('button', { name: 'Start simulation' }).click()
    await reopened.getByRole('status', { name: 'Simulation' }).filter({ hasText: 'Finished: 10 sent, 10 acknowledged, 0 refused' }).waitFor()
    await until(10)
    expect(seen).toHaveLength(10)
    const readings = seen.map((m) => JSON.parse(m.payload) as { t: number; n: number })
    expect(readings.map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    for (const { t } of readings) expect(t >= 18 && t <= 25 && Math.round(t * 10) === t * 10).toBe(true)
  })
})
