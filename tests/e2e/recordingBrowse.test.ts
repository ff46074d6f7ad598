// A recording made in the UI, opened after a reload as a read-only tab: the tree, the history and a chart of it,
// and the time slider that shows them as they were at any moment.
import type { Page } from 'playwright-core'
import { describe, expect } from 'vitest'
import { test } from './support/fixtures'
import { brokerWithPublisher } from './support/mqttPeer'
import { createProfile, selectTopic, treeRow, waitForConnectionState } from './support/ui'

const shown = (page: Page): Promise<string> => page.getByLabel('Messages and topics shown').innerText()
const historyCount = (page: Page): Promise<number> => page.getByRole('listbox', { name: 'Message history' }).getByRole('option').count()

describe('browsing a recording', () => {
  const peers = brokerWithPublisher()

  test('records in the UI, reloads, opens the recording and moves through it with the time slider', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Boiler', host: '127.0.0.1', port: peers.broker.ports.plain ?? 0 }, { connect: true })
    await waitForConnectionState(app.page, 'Boiler', 'Connected')
    await app.page.getByRole('button', { name: 'Record…' }).click()
    const dialog = app.page.getByRole('dialog', { name: 'Record this connection' })
    await dialog.getByLabel('Name').fill('Boiler run')
    await dialog.getByLabel('Topic filters').fill('boiler/#')
    await dialog.getByRole('button', { name: 'Start recording' }).click()
    await dialog.waitFor({ state: 'detached' })

    // The state first, then 1 … 10 a tenth of a second apart: each moment of the recording shows a different count.
    await peers.publisher.publishAsync('boiler/state', 'on', { qos: 1 })
    for (let i = 1; i <= 10; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      await peers.publisher.publishAsync('boiler/temp', String(i), { qos: 1 })
    }
    const status = app.page.getByRole('status', { name: 'Recording' })
    await expect.poll(() => status.innerText(), { timeout: 10_000 }).toMatch(/Recording · 11 of 11 written/)
    await status.getByRole('button', { name: 'Stop recording' }).click()
    await app.page.getByText('Recorded 11 of 11.').waitFor()

    await app.page.reload()
    await app.page.getByRole('tab', { name: 'Profiles' }).click()
    await app.page.getByRole('listitem', { name: 'Recording Boiler run' }).getByRole('button', { name: 'Open recording Boiler run' }).click()
    await app.page.getByRole('tab', { name: 'Boiler run (recording)', selected: true }).waitFor()
    await expect.poll(() => shown(app.page)).toBe('11 of 11 messages · 2 topics')
    // Read-only: nothing to publish, subscribe or clear.
    expect(await app.page.getByRole('button', { name: 'Publish' }).count()).toBe(0)
    expect(await app.page.getByRole('tab', { name: 'Subscriptions' }).count()).toBe(0)

    await selectTopic(app.page, 'boiler/temp')
    await expect.poll(() => historyCount(app.page)).toBe(10)
    expect(await app.page.getByRole('button', { name: 'Clear retained…' }).count()).toBe(0)

    // The start: only the state had arrived.
    await app.page.getByRole('button', { name: "Show the recording's start" }).click()
    await expect.poll(() => shown(app.page)).toBe('1 of 11 messages · 1 topics')
    await expect.poll(() => treeRow(app.page, 'boiler/temp').count()).toBe(0)

    // Halfway through: part of the values, the history as long as what had arrived by then.
    const slider = app.page.getByRole('slider', { name: 'Time shown' })
    const [min, max] = await Promise.all([slider.getAttribute('min'), slider.getAttribute('max')])
    await slider.fill(String(Math.round((Number(min) + Number(max)) / 2)))
    await expect.poll(async () => Number(/^(\d+) of 11/.exec(await shown(app.page))?.[1] ?? 0)).toBeGreaterThan(2)
    const loaded = Number(/^(\d+) of 11/.exec(await shown(app.page))?.[1])
    expect(loaded).toBeLessThan(11)
    await selectTopic(app.page, 'boiler/temp')
    await expect.poll(() => historyCount(app.page)).toBe(loaded - 1)

    // Searched like a live connection: the payload "on" is the state's only.
    await app.page.getByLabel('Filter on').selectOption('payload')
    await app.page.getByLabel('Filter topics').fill('on')
    await app.page.getByRole('status', { name: 'Search status' }).getByText(/^1 matching topic of 2 topics\./).waitFor()
    await expect.poll(() => treeRow(app.page, 'boiler/temp').count()).toBe(0)
    await app.page.getByLabel('Filter topics').fill('')

    // The end again, and a chart of the recording: every value, the window ending where the recording does.
    await app.page.getByRole('button', { name: "Show the recording's end" }).click()
    await expect.poll(() => shown(app.page)).toBe('11 of 11 messages · 2 topics')
    await app.page.getByRole('tab', { name: 'Charts', exact: true }).click()
    await app.page.getByText('Kept while this recording is open.').waitFor()
    await app.page.getByRole('button', { name: 'New chart' }).click()
    const chart = app.page.getByRole('region', { name: 'Chart 1' })
    await chart.getByLabel('Series topic').fill('boiler/temp')
    await chart.getByRole('button', { name: 'Add series' }).click()
    const legend = app.page.getByRole('table', { name: 'Legend of Chart 1' }).getByRole('row').filter({ hasText: 'boiler/temp' })
    await expect.poll(async () => (await legend.locator('th, td').allInnerTexts()).slice(0, 7).map((cell) => cell.trim())).toEqual(['boiler/temp', '10', '1', '10', '5.5', '10', '0'])

    await app.page.getByTitle('Close Boiler run (recording) (Delete)').click()
    await app.page.getByRole('tab', { name: 'Boiler run (recording)' }).waitFor({ state: 'detached' })
  })
})
