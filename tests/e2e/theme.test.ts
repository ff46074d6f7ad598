// The colour theme chosen in the header wins over the OS's, survives a reload, and goes back to the OS's.
import type { Page } from 'playwright-core'
import { describe, expect } from 'vitest'
import { test } from './support/fixtures'

const background = (page: Page): Promise<string> => page.evaluate(() => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string }; document: { body: unknown } }).getComputedStyle((globalThis as unknown as { document: { body: unknown } }).document.body).backgroundColor)
const LIGHT = 'rgb(255, 255, 255)'
const DARK = 'rgb(23, 25, 30)'

describe('colour theme', () => {
  test('follows the OS until one is chosen, keeps the choice over a reload, and follows the OS again on System', async ({ app }) => {
    await app.page.emulateMedia({ colorScheme: 'light' })
    await app.open()
    expect(await background(app.page)).toBe(LIGHT)
    await app.page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(() => background(app.page)).toBe(DARK)

    const theme = app.page.getByLabel('Colour theme')
    await theme.selectOption('light')
    await expect.poll(() => background(app.page)).toBe(LIGHT)
    await app.page.reload()
    await expect.poll(() => background(app.page)).toBe(LIGHT)
    expect(await app.page.getByLabel('Colour theme').inputValue()).toBe('light')

    await app.page.getByLabel('Colour theme').selectOption('system')
    await expect.poll(() => background(app.page)).toBe(DARK)
  })
})
