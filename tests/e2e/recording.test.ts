import { describe, expect } from 'vitest'
import { test } from './support/fixtures'
import { brokerWithPublisher } from './support/mqttPeer'
import { createProfile, waitForConnectionState } from './support/ui'

describe('recording in the UI', () => {
  const peers = brokerWithPublisher()

  test('records what matches its filter with counts that say nothing was lost, lists it after a reload, and replays it behind a prefix', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Recorder', host: '127.0.0.1', port: peers.broker.ports.plain ?? 0 }, { connect: true })
    await waitForConnectionState(app.page, 'Recorder', 'Connected')

    await app.page.getByRole('button', { name: 'Record…' }).click()
    const dialog = app.page.getByRole('dialog', { name: 'Record this connection' })
    await dialog.getByLabel('Name').fill('Line 4 test')
    await dialog.getByLabel('Topic filters').fill('line4/#\nbad/#/filter')
    await dialog.getByRole('button', { name: 'Start recording' }).click()
    await dialog.getByRole('alert').filter({ hasText: '"bad/#/filter"' }).waitFor()
    await dialog.getByLabel('Topic filters').fill('line4/#')
    await dialog.getByRole('button', { name: 'Start recording' }).click()
    await dialog.waitFor({ state: 'detached' })

    for (let i = 0; i < 20; i++) await peers.publisher.publishAsync(`line4/press/${i % 4}`, `${i}`, { qos: 1 })
    for (let i = 0; i < 5; i++) await peers.publisher.publishAsync('other/topic', 'not recorded', { qos: 1 })
    const status = app.page.getByRole('status', { name: 'Recording' })
    await expect.poll(() => status.innerText(), { timeout: 10_000 }).toMatch(/Recording · 20 of 20 written/)
    await status.getByRole('button', { name: 'Stop recording' }).click()
    await app.page.getByText('Recorded 20 of 20.').waitFor()

    await app.page.reload()
    await app.page.getByRole('tab', { name: 'Profiles' }).click()
    const listed = app.page.getByRole('listitem', { name: 'Recording Line 4 test' })
    await expect.poll(() => listed.innerText()).toMatch(/20 messages · /)

    // Replayed onto the open connection behind replay/: a subscriber outside the app gets all 20, in order.
    const replayed: string[] = []
    await peers.publisher.subscribeAsync('replay/#', { qos: 1 })
    peers.publisher.on('message', (topic, payload) => void (topic.startsWith('replay/') && replayed.push(`${topic}=${payload.toString()}`)))
    await listed.getByRole('button', { name: 'Replay recording Line 4 test' }).click()
    const form = listed.getByRole('form', { name: 'Replay Line 4 test' })
    await expect.poll(() => form.getByLabel('Replay to').inputValue()).not.toBe('')
    await form.getByLabel('Replay speed').selectOption('max')
    await form.getByRole('button', { name: 'Start replay' }).click()
    const replay = listed.getByRole('status', { name: 'Replay of Line 4 test' })
    await expect.poll(() => replay.innerText()).toMatch('Replayed: 20 of 20 sent · 20 acknowledged · 0 refused')
    await expect.poll(() => replayed.length).toBe(20)
    expect(replayed).toEqual(Array.from({ length: 20 }, (_, i) => `replay/line4/press/${i % 4}=${i}`))
  })
})
