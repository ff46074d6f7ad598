import { describe, expect } from 'vitest'
import { test } from './support/fixtures'
import { brokerWithPublisher } from './support/mqttPeer'
import { createProfile, treeRow, waitForConnectionState } from './support/ui'

describe('the filter box searches payloads in main', () => {
  const peers = brokerWithPublisher()

  test('finds a match beyond the 4 KiB preview, and one only in an older message when history is searched', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Search', host: '127.0.0.1', port: peers.broker.ports.plain ?? 0 }, { connect: true })
    await waitForConnectionState(app.page, 'Search', 'Connected')
    // The tree gets 4 KiB previews: the word sits after 6,000 bytes, so only main's whole payload holds it.
    await peers.publisher.publishAsync('camera/meta', `${'x'.repeat(6_000)} needle`)
    await peers.publisher.publishAsync('plant/boiler/state', 'ALARM: overpressure')
    await peers.publisher.publishAsync('plant/boiler/state', 'ok')
    await peers.publisher.publishAsync('plant/pump/state', 'running')
    await treeRow(app.page, 'plant').filter({ hasText: '2 topics' }).waitFor()

    const page = app.page
    await page.getByLabel('Filter on').selectOption('payload')
    await page.getByLabel('Filter topics').fill('needle')
    await treeRow(page, 'camera/meta').waitFor()
    await expect.poll(() => treeRow(page, 'plant').count()).toBe(0)
    // The broker's $SYS topics are searched too.
    await page.getByRole('status', { name: 'Search status' }).getByText(/^1 matching topic of \d+ topics\./).waitFor()

    await page.getByLabel('Filter topics').fill('overpressure')
    await page.getByText('No topic matches the filter.').waitFor()
    await page.getByLabel('Search history').check()
    await treeRow(page, 'plant/boiler/state').waitFor()
    await expect.poll(() => treeRow(page, 'camera').count()).toBe(0)
    await expect.poll(() => treeRow(page, 'plant/pump').count()).toBe(0)

    // Clearing the box shows the whole tree again.
    await page.getByLabel('Filter topics').fill('')
    await treeRow(page, 'camera').waitFor()
  })
})
