import { describe, expect } from 'vitest'
import { test } from './support/fixtures'
import { hasFocus, tabTo } from './support/keyboard'
import { brokerWithPublisher, retainedMessages } from './support/mqttPeer'
import { createProfile, treeRow, waitForConnectionState } from './support/ui'

describe('keyboard only', () => {
  const peers = brokerWithPublisher()

  test('connects a saved profile, selects a topic, publishes and clears a retained topic without the mouse', async ({ app }) => {
    const { page } = app
    await peers.publisher.publishAsync('kb/hall/lamp', 'on', { qos: 1, retain: true })
    await app.open()
    await createProfile(page, { name: 'Keys', host: '127.0.0.1', port: peers.broker.ports.plain ?? 0 })
    // From here on only the keyboard: a fresh page, the focus on nothing.
    await page.reload()
    await page.getByRole('button', { name: 'Connect Keys' }).waitFor()

    await tabTo(page, page.getByRole('button', { name: 'Connect Keys' }))
    await page.keyboard.press('Enter')
    await waitForConnectionState(page, 'Keys', 'Connected')

    // The tree: the first row, then → opens a branch and → again steps into it.
    const tree = page.getByRole('tree', { name: 'Topics' })
    await tabTo(page, tree)
    await treeRow(page, 'kb').waitFor()
    for (const key of ['ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight']) await page.keyboard.press(key)
    const lamp = treeRow(page, 'kb/hall/lamp')
    await lamp.and(page.locator('[aria-selected="true"]')).waitFor()
    expect([await lamp.getAttribute('aria-posinset'), await lamp.getAttribute('aria-setsize')]).toEqual(['1', '1'])
    await page.getByRole('listbox', { name: 'Message history' }).getByRole('option').first().waitFor()

    // The composer: its topic follows the selection; type another, pick the format, Tab into the payload editor, Ctrl+Enter sends.
    const arrived = new Promise<string>((resolve) => peers.publisher.on('message', (topic, payload) => topic === 'kb/hall/cmd' && resolve(payload.toString())))
    await peers.publisher.subscribeAsync('kb/hall/cmd', { qos: 1 })
    // The composer is folded, so the value has the room: Publish… opens it.
    await tabTo(page, page.getByRole('button', { name: 'Publish…', exact: true }))
    await page.keyboard.press('Enter')
    const composer = page.getByRole('form', { name: 'Publish' })
    await tabTo(page, composer.getByLabel('Topic', { exact: true }))
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('kb/hall/cmd')
    // The format followed the lamp's last payload ("on": text); a closed select takes the arrow keys: → JSON → Text.
    const format = composer.getByLabel('Payload format')
    await tabTo(page, format)
    expect(await format.inputValue()).toBe('text')
    await page.keyboard.press('ArrowUp')
    expect(await format.inputValue()).toBe('json')
    await page.keyboard.press('ArrowDown')
    expect(await format.inputValue()).toBe('text')
    await tabTo(page, composer.getByRole('textbox', { name: 'Payload' }))
    await page.keyboard.type('toggle')
    await page.keyboard.press('ControlOrMeta+Enter')
    expect(await arrived).toBe('toggle')
    await composer.getByRole('status').waitFor()

    // Back to the tree (the selection is kept); Delete asks first, Tab reaches the confirm button, Enter clears.
    await tabTo(page, tree, { backwards: true })
    await page.keyboard.press('Delete')
    const confirm = page.getByRole('dialog', { name: 'Clear the retained value of "kb/hall/lamp"?' })
    await confirm.waitFor()
    await tabTo(page, confirm.getByRole('button', { name: 'Clear 1' }))
    await page.keyboard.press('Enter')
    // The progress dialog takes the focus, and gives it back to the tree when closed.
    const progress = page.getByRole('dialog', { name: 'Clearing retained topics' })
    await progress.getByRole('status').filter({ hasText: '1 of 1 cleared.' }).waitFor()
    await expect.poll(() => hasFocus(progress.getByRole('button', { name: 'Close' }))).toBe(true)
    await page.keyboard.press('Enter')
    await progress.waitFor({ state: 'detached' })
    expect(await hasFocus(tree)).toBe(true)
    expect(await retainedMessages(peers.url, 'kb/#', 'e2e/end/keyboard')).toEqual([])
  })
})
