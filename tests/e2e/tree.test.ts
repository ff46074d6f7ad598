import { describe, expect } from 'vitest'
import { encode as cbor } from 'cborg'
import { imageFixtures } from '../../src/shared/decoders/test/imageFixtures'
import { test } from './support/fixtures'
import { brokerWithPublisher } from './support/mqttPeer'
import { openApp } from './support/app'
import { codeViewText, connectionTab, createProfile, selectTopic, treeRow, waitForConnectionState } from './support/ui'

describe('the live topic tree', () => {
  const peers = brokerWithPublisher()

  test('fills from a separate publisher; a topic shows its history as JSON and hex, and two messages diff', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Plain', host: '127.0.0.1', port: peers.broker.ports.plain ?? 0 }, { connect: true })
    await waitForConnectionState(app.page, 'Plain', 'Connected')

    for (let room = 1; room <= 12; room++) await peers.publisher.publishAsync(`fill/rooms/room-${room}/temperature`, String(20 + room))
    const rooms = treeRow(app.page, 'fill')
    await rooms.filter({ hasText: '12 topics' }).waitFor()

    await peers.publisher.publishAsync('fill/meter/reading', JSON.stringify({ kWh: 1.5, ok: true }))
    await peers.publisher.publishAsync('fill/meter/reading', JSON.stringify({ kWh: 2.25, ok: true }))
    await selectTopic(app.page, 'fill/meter/reading')
    const history = app.page.getByRole('listbox', { name: 'Message history' })
    await expect.poll(() => history.getByRole('option').count()).toBe(2)

    await expect.poll(() => codeViewText(app.page, 'Value of message 2')).toContain('"kWh": 2.25')
    await app.page.getByLabel('Value format').selectOption('hex')
    // {"kWh":2.25,"ok":true} in hex, 16 bytes per line.
    await expect.poll(() => codeViewText(app.page, 'Value of message 2')).toContain('7b 22 6b 57 68 22 3a 32 2e 32 35')

    await app.page.getByLabel('Value format').selectOption('json')
    await app.page.getByRole('checkbox', { name: 'Show diff' }).check()
    const diff = app.page.locator('.monaco-diff-editor')
    await expect.poll(() => diff.locator('.editor.original .view-lines').innerText()).toContain('1.5')
    await expect.poll(() => diff.locator('.editor.modified .view-lines').innerText()).toContain('2.25')
  })

  test('decodes a camera snapshot as a picture and a CBOR reading on request', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Decoders', host: '127.0.0.1', port: peers.broker.ports.plain ?? 0 }, { connect: true })
    await waitForConnectionState(app.page, 'Decoders', 'Connected')
    await peers.publisher.publishAsync('cam/door/snapshot', Buffer.from(imageFixtures['sensor.webp'], 'base64'))
    await selectTopic(app.page, 'cam/door/snapshot')
    const picture = app.page.getByRole('img', { name: 'Image in message 1' })
    // The page's own decoder drew it: its natural size is the WebP's (the CSP allows data: images).
    await expect.poll(() => picture.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(37)
    await app.page.locator('figcaption').getByText(/^WEBP image 37×21, \d+ B$/).waitFor()
    await app.page.getByRole('listbox', { name: 'Message history' }).getByText(/^WEBP image 37×21, \d+ B$/).waitFor()

    await peers.publisher.publishAsync('plant/press/cbor', Buffer.from(cbor({ bar: 4.5, ok: true })))
    await selectTopic(app.page, 'plant/press/cbor')
    await app.page.getByLabel('Value format').selectOption('cbor')
    await expect.poll(() => codeViewText(app.page, 'Value of message 1')).toContain('"bar": 4.5')
  })

  test('loads the whole of a payload bigger than one socket chunk', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Big', host: '127.0.0.1', port: peers.broker.ports.plain ?? 0 }, { connect: true })
    await waitForConnectionState(app.page, 'Big', 'Connected')
    // 6 MiB: the whole-payload reply crosses the page's socket in two 4 MiB chunks that the page joins.
    await peers.publisher.publishAsync('big/blob', Buffer.alloc(6 << 20, 0x41))
    await selectTopic(app.page, 'big/blob')
    const save = app.page.getByRole('button', { name: 'Save payload' })
    await expect.poll(() => save.isDisabled()).toBe(true)
    await app.page.getByRole('button', { name: 'Load all 6.0 MB' }).click()
    await expect.poll(() => save.isDisabled(), { timeout: 30_000 }).toBe(false)
    await expect.poll(() => app.page.getByRole('button', { name: /^Load all/ }).count()).toBe(0)
  })

  test('a second page opened onto a live connection gets its whole tree, and both pages follow new messages', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Shared', host: '127.0.0.1', port: peers.broker.ports.plain ?? 0 }, { connect: true })
    await waitForConnectionState(app.page, 'Shared', 'Connected')
    for (let i = 0; i < 50; i++) await peers.publisher.publishAsync(`shared/before/t${i}`, `${i}`)
    await treeRow(app.page, 'shared').filter({ hasText: '50 topics' }).waitFor()

    // Its own delta stream starts with the whole model: no resync of the first page's stream is involved.
    const second = await app.browser.context.newPage()
    await openApp(second, app.server)
    await connectionTab(second, 'Shared').click()
    await treeRow(second, 'shared').filter({ hasText: '50 topics' }).waitFor()
    await peers.publisher.publishAsync('shared/after/new', 'x')
    await Promise.all([app.page, second].map((page) => treeRow(page, 'shared').filter({ hasText: '51 topics' }).waitFor()))
    await second.close()
  })
})
