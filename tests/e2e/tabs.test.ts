// Many open connections in a narrow window: the tab strip scrolls with a cue at the end that hides tabs, keeps the
// selected tab in view, and a menu lists every open tab.
import type { Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { startTestBroker, type TestBroker } from '../support/broker'
import { test } from './support/fixtures'
import { connectionTab, createProfile, waitForConnectionState } from './support/ui'

/** Whether the element lies wholly inside the strip's visible width. */
async function inView(strip: Locator, element: Locator): Promise<boolean> {
  const [box, tab] = await Promise.all([strip.boundingBox(), element.boundingBox()])
  return box !== null && tab !== null && tab.x >= box.x - 1 && tab.x + tab.width <= box.x + box.width + 1
}

describe('tab strip with many connections', () => {
  let broker: TestBroker
  beforeAll(async () => {
    broker = await startTestBroker({ listeners: ['plain'] })
  })
  afterAll(async () => {
    await broker?.stop()
  })

  test('scrolls the selected tab into view, marks hidden tabs, and lists every tab in a menu', async ({ app }) => {
    await app.page.setViewportSize({ width: 900, height: 700 })
    await app.open()
    const names = Array.from({ length: 7 }, (_, i) => `Production line ${i + 1}`)
    for (const name of names) {
      await app.page.getByRole('tab', { name: 'Profiles' }).click()
      await createProfile(app.page, { name, host: '127.0.0.1', port: broker.ports.plain ?? 0 }, { connect: true })
      await waitForConnectionState(app.page, name, 'Connected')
    }
    const strip = app.page.getByRole('tablist', { name: 'Connections' })
    // The newest tab is in front and in view; the strip hides the first ones and says so.
    await expect.poll(() => inView(strip, connectionTab(app.page, 'Production line 7'))).toBe(true)
    expect(await strip.getAttribute('class')).toContain('overflow-before')

    const menu = app.page.getByLabel('All open tabs (7)')
    expect(await menu.locator('option').allInnerTexts()).toEqual(['Profiles', ...names.map((name) => `${name} (Connected)`)])
    await menu.selectOption({ label: 'Production line 1 (Connected)' })
    await app.page.getByRole('tab', { name: 'Production line 1 (Connected)', selected: true }).waitFor()
    await expect.poll(() => inView(strip, connectionTab(app.page, 'Production line 1'))).toBe(true)
    await expect.poll(() => strip.getAttribute('class')).toContain('overflow-after')
  })
})
