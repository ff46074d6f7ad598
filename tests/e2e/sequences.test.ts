import type { MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { startTestBroker, type TestBroker } from '../support/broker'
import { test } from './support/fixtures'
import { connectPeer, retainedMessages, type SeenMessage } from './support/mqttPeer'
import { createProfile, waitForConnectionState, composerOf } from './support/ui'

describe('sequences in the publish area', () => {
  let broker: TestBroker
  let peer: MqttClient
  const seen: Array<SeenMessage & { at: number }> = []
  beforeAll(async () => {
    broker = await startTestBroker({ listeners: ['plain'] })
    peer = await connectPeer(`mqtt://127.0.0.1:${broker.ports.plain}`)
    await peer.subscribeAsync('e2e/seq/#', { qos: 2 })
    peer.on('message', (topic, payload, packet) => seen.push({ topic, payload: payload.toString(), qos: packet.qos, retain: packet.retain, at: performance.now() }))
  })
  afterAll(async () => {
    await peer?.endAsync()
    await broker?.stop()
  })

  test('writes a 3-step sequence, runs it twice, and a subscriber gets the six messages in order; the sequence is saved', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Sequencer', host: '127.0.0.1', port: broker.ports.plain ?? 0 }, { connect: true })
    await waitForConnectionState(app.page, 'Sequencer', 'Connected')
    const composer = await composerOf(app.page)
    await composer.locator('summary', { hasText: 'Sequences' }).click()
    await composer.getByLabel('Sequence name').fill('Boot')
    const steps = [
      { wait: '100', topic: 'e2e/seq/power', payload: 'on-{{counter}}', qos: '1' },
      { wait: '300', topic: 'e2e/seq/config', payload: '{"mode":"auto"}', qos: '0' },
      { wait: '300', topic: 'e2e/seq/ready', payload: 'ready', qos: '2' }
    ]
    for (const [i, step] of steps.entries()) {
      const n = i + 1
      if (n > 1) await composer.getByRole('button', { name: 'Add step' }).click()
      await composer.getByLabel(`Step ${n} wait in milliseconds`).fill(step.wait)
      await composer.getByLabel(`Step ${n} topic`).fill(step.topic)
      await composer.getByLabel(`Step ${n} payload`).fill(step.payload)
      await composer.getByLabel(`Step ${n} QoS`).selectOption(step.qos)
    }
    await composer.getByLabel('Step 2 format').selectOption('json')
    await composer.getByLabel('Step 3 retain').check()
    await composer.getByLabel('Run', { exact: true }).selectOption('times')
    await composer.getByLabel('Times').fill('2')
    await composer.getByRole('button', { name: 'Run sequence' }).click()
    await composer.getByRole('status', { name: 'Sequence run' }).filter({ hasText: 'Finished "Boot": round 2 of 2, step 3; 6 sent, 6 acknowledged, 0 failed' }).waitFor()

    expect(seen.map(({ at: _at, ...message }) => message)).toEqual([
      { topic: 'e2e/seq/power', payload: 'on-1', qos: 1, retain: false },
      { topic: 'e2e/seq/config', payload: '{"mode":"auto"}', qos: 0, retain: false },
      { topic: 'e2e/seq/ready', payload: 'ready', qos: 2, retain: false },
      { topic: 'e2e/seq/power', payload: 'on-4', qos: 1, retain: false },
      { topic: 'e2e/seq/config', payload: '{"mode":"auto"}', qos: 0, retain: false },
      { topic: 'e2e/seq/ready', payload: 'ready', qos: 2, retain: false }
    ])
    expect(await retainedMessages(`mqtt://127.0.0.1:${broker.ports.plain}`, 'e2e/seq/#', 'e2e/end/seq')).toEqual([{ topic: 'e2e/seq/ready', payload: 'ready', qos: 1, retain: true }])
    // Two rounds of 700 ms of waits, the second starting as the first ends: 1,300 ms from the first message to the last.
    expect(seen.at(-1)!.at - seen[0]!.at).toBeGreaterThan(1_200)

    await composer.getByRole('button', { name: 'Save sequence' }).click()
    await composer.getByText('Saved sequence "Boot".').waitFor()
    // After a reload the editor starts from main's copy of the profile.
    await app.page.reload()
    await app.page.getByRole('tab', { name: 'Sequencer (Connected)' }).click()
    const reopened = await composerOf(app.page)
    await reopened.locator('summary', { hasText: 'Sequences (1)' }).click()
    expect(await reopened.getByLabel('Step 2 topic').inputValue()).toBe('e2e/seq/config')
    expect(await reopened.getByLabel('Step 2 format').inputValue()).toBe('json')
    expect(await reopened.getByLabel('Times').inputValue()).toBe('2')
  })
})
