import { describe, expect } from 'vitest'
import { test } from './support/fixtures'
import { brokerWithPublisher, retainedMessages } from './support/mqttPeer'
import { createProfile, selectTopic, treeRow, typeIntoEditor, waitForConnectionState, composerOf } from './support/ui'

describe('publishing and clearing retained values', () => {
  const peers = brokerWithPublisher()

  test('publishes with QoS 1 and retain; another client receives it and the broker keeps it', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Publisher', host: '127.0.0.1', port: peers.broker.ports.plain ?? 0 }, { connect: true })
    await waitForConnectionState(app.page, 'Publisher', 'Connected')
    await peers.publisher.subscribeAsync('e2e/out/#', { qos: 1 })
    const arrived = new Promise<{ payload: string; qos: number }>((resolve) =>
      peers.publisher.on('message', (topic, payload, packet) => topic === 'e2e/out/lamp' && resolve({ payload: payload.toString(), qos: packet.qos }))
    )

    const composer = await composerOf(app.page)
    await composer.getByLabel('Topic', { exact: true }).fill('e2e/out/lamp')
    await composer.getByLabel('Payload format').selectOption('text')
    await composer.getByLabel('QoS', { exact: true }).selectOption('1')
    await composer.getByLabel('Retain', { exact: true }).check()
    await typeIntoEditor(app.page, 'Payload', 'lamp on')
    await composer.getByRole('button', { name: 'Publish', exact: true }).click()
    await composer.getByRole('status').waitFor()

    expect(await arrived).toEqual({ payload: 'lamp on', qos: 1 })
    expect(await retainedMessages(peers.url, 'e2e/out/#', 'e2e/end/publish')).toEqual([{ topic: 'e2e/out/lamp', payload: 'lamp on', qos: 1, retain: true }])
    await selectTopic(app.page, 'e2e/out/lamp')
    await treeRow(app.page, 'e2e/out/lamp').filter({ hasText: '= lamp on' }).waitFor()
  })

  test('clears a retained subtree with progress, and the broker forgets it', async ({ app }) => {
    for (let i = 1; i <= 25; i++) await peers.publisher.publishAsync(`plant/line-${i}/setpoint`, String(i), { qos: 1, retain: true })
    await app.open()
    await createProfile(app.page, { name: 'Cleaner', host: '127.0.0.1', port: peers.broker.ports.plain ?? 0 }, { connect: true })
    await waitForConnectionState(app.page, 'Cleaner', 'Connected')
    await treeRow(app.page, 'plant').filter({ hasText: '25 topics' }).waitFor()

    await selectTopic(app.page, 'plant')
    await app.page.getByRole('button', { name: 'Clear retained…' }).click()
    await app.page.getByRole('dialog').getByRole('button', { name: 'Clear 25' }).click()
    const progress = app.page.getByRole('dialog', { name: 'Clearing retained topics' })
    await progress.getByRole('status').filter({ hasText: '25 of 25 cleared.' }).waitFor()
    await progress.getByRole('button', { name: 'Close' }).click()

    await treeRow(app.page, 'plant').waitFor({ state: 'detached' })
    expect(await retainedMessages(peers.url, 'plant/#', 'e2e/end/clear')).toEqual([])
  })
})
