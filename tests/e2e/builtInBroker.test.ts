import { createServer, type AddressInfo } from 'node:net'
import { describe, expect } from 'vitest'
import { run } from '../support/broker/exec'
import { test } from './support/fixtures'
import { treeRow, waitForConnectionState } from './support/ui'

describe('the built-in broker panel', () => {
  test('starts the broker from the Profiles screen, takes a device message from mosquitto_pub, and opens a tab that shows it', async ({ app }) => {
    await app.open()
    const panel = app.page.getByRole('region', { name: 'Built-in broker' })
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const takenPort = (taken.address() as AddressInfo).port
    await panel.getByLabel('TCP port').fill(String(takenPort))
    await panel.getByRole('button', { name: 'Start broker' }).click()
    await panel.getByRole('alert').getByText(`The TCP port ${takenPort} on 127.0.0.1 is already used by another program. Choose another port, or 0 for any free one.`).waitFor()
    taken.close()

    await panel.getByLabel('TCP port').fill('0')
    await panel.getByRole('button', { name: 'Start broker' }).click()
    const address = panel.getByRole('list', { name: 'Broker addresses' }).getByText(/^mqtt:\/\/127\.0\.0\.1:\d+/)
    await address.waitFor()
    const port = /:(\d+)/.exec((await address.textContent()) ?? '')?.[1] ?? ''

    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', port, '-t', 'fieldtest/boiler/temp', '-m', '61.5', '-r', '-q', '1', '-i', 'boiler-7'])
    await panel.getByRole('button', { name: 'Open a tab' }).click()
    await waitForConnectionState(app.page, 'Built-in broker', 'Connected')
    await treeRow(app.page, 'fieldtest').waitFor()

    // The app's own tab is a client of the broker, listed with its subscription.
    await app.page.getByRole('tab', { name: 'Profiles' }).click()
    expect(await panel.getByLabel('TCP port').inputValue()).toBe('0')
    const clients = panel.getByRole('table', { name: 'Broker clients' })
    await clients.getByText('#, $SYS/#', { exact: true }).waitFor()
    await panel.getByRole('button', { name: 'Stop broker' }).click()
    await panel.getByText(/^Stopped\./).waitFor()

    // Started again on another free port, "Open a tab" reuses the profile and moves its tab to the new port.
    await panel.getByRole('button', { name: 'Start broker' }).click()
    const moved = panel.getByRole('list', { name: 'Broker addresses' }).getByText(/^mqtt:\/\/127\.0\.0\.1:\d+/)
    const newPort = /:(\d+)/.exec((await moved.textContent()) ?? '')?.[1] ?? ''
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', newPort, '-t', 'fieldtest2/pump', '-m', 'on', '-r'])
    await panel.getByRole('button', { name: 'Open a tab' }).click()
    await waitForConnectionState(app.page, 'Built-in broker', 'Connected')
    await treeRow(app.page, 'fieldtest2').waitFor()
    await app.page.getByRole('tab', { name: 'Profiles' }).click()
    expect(await app.page.getByRole('button', { name: 'Edit Built-in broker' }).count()).toBe(1)
    expect(await app.page.getByRole('tab', { name: /^Built-in broker \(/ }).count()).toBe(1)
  })

  test('with a login, refuses a device with the wrong password and opens a tab that logs in', async ({ app }) => {
    await app.open()
    const panel = app.page.getByRole('region', { name: 'Built-in broker' })
    await panel.getByLabel('TCP port').fill('0')
    await panel.getByLabel('Broker user name').fill('field')
    await panel.getByLabel('Broker password').fill('s3cret')
    await panel.getByRole('button', { name: 'Start broker' }).click()
    await panel.getByText(/^Login required\./).waitFor()
    const address = panel.getByRole('list', { name: 'Broker addresses' }).getByText(/^mqtt:\/\/127\.0\.0\.1:\d+/)
    const port = /:(\d+)/.exec((await address.textContent()) ?? '')?.[1] ?? ''
    const publish = (password: string): Promise<string> => run('mosquitto_pub', ['-h', '127.0.0.1', '-p', port, '-u', 'field', '-P', password, '-t', 'secured/door', '-m', 'open', '-r'])
    await expect(publish('guess')).rejects.toThrow(/bad user name or password|not authori[sz]ed/i)
    await publish('s3cret')

    await panel.getByRole('button', { name: 'Open a tab' }).click()
    await waitForConnectionState(app.page, 'Built-in broker', 'Connected')
    await treeRow(app.page, 'secured').waitFor()
  })
})
