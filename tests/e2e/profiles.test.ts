import { afterAll, beforeAll, describe, expect } from 'vitest'
import { startTestBroker, type TestBroker } from '../support/broker'
import { test } from './support/fixtures'
import { createProfile, profileForm, waitForConnectionState } from './support/ui'

describe('profiles against the password listener', () => {
  let broker: TestBroker
  beforeAll(async () => {
    broker = await startTestBroker({ listeners: ['auth'] })
  })
  afterAll(() => broker?.stop())

  test('a wrong password shows the broker refusal as a sentence; the right one connects', async ({ app }) => {
    await app.open()
    const profile = { name: 'Gateway', host: '127.0.0.1', port: broker.ports.auth ?? 0, username: broker.users.name, password: 'not-the-password', reconnectPeriodMs: 0 }
    await createProfile(app.page, profile, { connect: true })
    const refusal = app.page.getByRole('alert').filter({ hasText: 'refused the connection' })
    await refusal.waitFor()
    expect(await refusal.textContent()).toMatch(/not authori[sz]ed.*Check the user name and password/)
    await waitForConnectionState(app.page, 'Gateway', 'Error')

    await app.page.getByRole('tab', { name: 'Profiles' }).click()
    await app.page.getByRole('button', { name: 'Edit Gateway' }).click()
    const form = profileForm(app.page, 'Gateway')
    await form.getByLabel('Password', { exact: true }).fill(broker.users.password)
    await form.getByRole('button', { name: 'Save and connect' }).click()
    await waitForConnectionState(app.page, 'Gateway', 'Connected')
  })

  test('profiles are still there after the page reloads', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Kept across reloads', host: '127.0.0.1', port: broker.ports.auth ?? 0 })
    await app.page.reload()
    await app.page.getByRole('button', { name: 'Edit Kept across reloads' }).waitFor()
    expect(app.page.url()).toBe(`${app.server.origin}/`)
  })
})
