// MQTT 5 request/response from the composer against Mosquitto, with a responder beside the app that answers on the
// response topic with the correlation data it was given; the Requests list is main's history, so it outlives a reload.
import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { startTestBroker, type TestBroker } from '../support/broker'
import { test } from './support/fixtures'
import { createProfile, typeIntoEditor, waitForConnectionState, composerOf } from './support/ui'
import type { Page } from 'playwright-core'

/** Sends the composer's message as a request that waits `timeout` seconds for its reply. */
async function sendRequest(page: Page, topic: string, payload: string, timeout: string): Promise<void> {
  const composer = await composerOf(page)
  await composer.getByLabel('Topic', { exact: true }).fill(topic)
  await composer.getByLabel('Payload format').selectOption('text')
  await typeIntoEditor(page, 'Payload', payload)
  const properties = composer.locator('details.v5-properties')
  if ((await properties.getAttribute('open')) === null) await properties.locator('summary').click()
  const wait = composer.getByLabel(/^Wait for a reply/)
  if (!(await wait.isChecked())) await wait.check()
  await composer.getByLabel('Reply timeout (s)').fill(timeout)
  await composer.getByRole('button', { name: 'Publish' }).click()
}

describe('request/response in the composer', () => {
  let broker: TestBroker
  let responder: MqttClient
  beforeAll(async () => {
    broker = await startTestBroker({ listeners: ['plain'] })
    responder = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.ports.plain}`, { protocolVersion: 5, reconnectPeriod: 0, connectTimeout: 5_000 })
    await responder.subscribeAsync('e2e/svc/#', { qos: 1 })
    responder.on('message', (topic, payload, packet) => {
      const { responseTopic, correlationData } = packet.properties ?? {}
      // e2e/svc/silent stands for a service that is down: nobody answers.
      if (!responseTopic || topic === 'e2e/svc/silent') return
      void responder.publish(responseTopic, `echo:${payload.toString()}`, { qos: 1, properties: { correlationData } })
    })
  })
  afterAll(async () => {
    await responder?.endAsync()
    await broker?.stop()
  })

  test('shows each request beside its reply and round trip, a timeout for a topic nobody answers, and keeps them over a reload', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Requester', host: '127.0.0.1', port: broker.ports.plain ?? 0, protocolVersion: 5 }, { connect: true })
    await waitForConnectionState(app.page, 'Requester', 'Connected')
    const requests = app.page.getByRole('region', { name: 'Requests' })

    await sendRequest(app.page, 'e2e/svc/echo', 'ping', '5')
    const replied = requests.getByRole('listitem').filter({ hasText: 'e2e/svc/echo' })
    await replied.getByText(/^Reply after [\d.,]+ ms on brokerscope\/replies\/[0-9a-f]{12}: echo:ping$/).waitFor()
    const roundTrip = Number(/Reply after ([\d.,]+) ms/.exec(await replied.innerText())?.[1]?.replace(/,/g, ''))
    expect(roundTrip).toBeGreaterThan(0)
    expect(roundTrip).toBeLessThan(5_000)

    await sendRequest(app.page, 'e2e/svc/silent', 'anyone?', '0.5')
    await app.page.getByRole('alert').filter({ hasText: /^No reply came on "brokerscope\/replies\/[0-9a-f]+" within 0\.5 s\./ }).waitFor()
    await requests.getByRole('listitem').filter({ hasText: 'e2e/svc/silent' }).getByText('Timed out after 500 ms: no reply came.').waitFor()

    await app.page.reload()
    await app.page.getByRole('tab', { name: 'Requester (Connected)' }).click()
    const items = app.page.getByRole('region', { name: 'Requests' }).getByRole('listitem')
    await items.first().waitFor()
    // Newest first.
    expect(await items.count()).toBe(2)
    expect(await items.nth(0).innerText()).toContain('Timed out after 500 ms')
    expect(await items.nth(1).innerText()).toMatch(/Reply after [\d.,]+ ms on brokerscope\/replies\/[0-9a-f]{12}: echo:ping/)

    await app.page.getByRole('button', { name: 'Clear requests' }).click()
    await app.page.getByRole('region', { name: 'Requests' }).waitFor({ state: 'detached' })
  })
})
