import { expect } from 'vitest'
import { test } from './support/fixtures'
import type { PageGlobals } from './support/pageGlobals'

test('the app shell loads from the headless server, takes the token out of the address bar, and connects', async ({ app }) => {
  await app.open()
  await app.page.getByRole('main').waitFor()
  expect(app.page.url()).toBe(`${app.server.origin}/`)
  expect(await app.page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.getItem('mqtt-explorer.token'))).toBe(app.server.token)
  expect(app.browser.errors).toEqual([])
})
