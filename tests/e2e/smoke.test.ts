import { expect } from 'vitest'
import { test } from './support/fixtures'
import type { PageGlobals } from './support/pageGlobals'
import { createProfile } from './support/ui'

test('the app shell loads from the headless server, takes the token out of the address bar, and connects', async ({ app }) => {
  await app.open()
  // The empty profile list is the reply to profile:list, so the bridge works both ways.
  await app.page.getByText('No profiles yet.').waitFor()
  await app.page.getByRole('button', { name: 'New profile' }).waitFor()
  expect(app.page.url()).toBe(`${app.server.origin}/`)
  expect(await app.page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.getItem('brokerscope.token'))).toBe(app.server.token)
  expect(app.browser.errors).toEqual([])
})

test('a page without the token, or with a wrong one, says what to do', async ({ app }) => {
  await app.page.goto(`${app.server.origin}/`)
  await app.page.getByRole('alert').filter({ hasText: 'needs the access token' }).waitFor()
  await app.page.goto(`${app.server.origin}/?token=not-the-right-token-at-all`)
  await app.page.getByRole('alert').filter({ hasText: 'The access token is missing or wrong.' }).waitFor()
})

test('when the server restarts, the page reloads by itself and finds its profiles again', async ({ app }) => {
  await app.open()
  await createProfile(app.page, { name: 'Survives restarts', host: '127.0.0.1', port: 1883 })
  await app.page.evaluate(() => void ((globalThis as unknown as { beforeRestart?: boolean }).beforeRestart = true))
  const reloaded = app.page.waitForEvent('load', { timeout: 30_000 })
  await app.server.restart()
  await reloaded
  await app.page.getByRole('button', { name: 'Edit Survives restarts' }).waitFor()
  expect(await app.page.evaluate(() => (globalThis as unknown as { beforeRestart?: boolean }).beforeRestart)).toBeUndefined()
  expect(app.page.url()).toBe(`${app.server.origin}/`)
})
