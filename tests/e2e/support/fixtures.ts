import { basename } from 'node:path'
import type { Page } from 'playwright-core'
import { test as base } from 'vitest'
import { openApp } from './app'
import { saveScreenshot } from './artifacts'
import { openBrowser, type BrowserSession } from './browser'
import { findBrowser, noBrowserAdvice } from './findBrowser'
import { startServer, type RunningServer } from './server'

/** One test's own headless server (own data dir) and own Chromium (own profile). */
export interface App {
  server: RunningServer
  browser: BrowserSession
  page: Page
  /** Opens the printed address (token included) and waits until the page's socket to the server is open. */
  open(): Promise<void>
}

/**
 * `test` with an `app` fixture: started before the test, and after it (pass or fail) a screenshot is saved to
 * artifacts/e2e/ and everything is stopped. On failure the server output and page errors are printed.
 */
export const test = base.extend<{ app: App }>({
  app: async ({ task, onTestFailed, skip }, use) => {
    // Without a browser the tier is reported as not run (the advice is printed once by the global setup).
    if (!findBrowser()) skip(noBrowserAdvice())
    const server = await startServer()
    const browser = await openBrowser().catch(async (error: unknown) => {
      await server.stop()
      throw error
    })
    onTestFailed(() => {
      console.error(`Server output:\n${server.output()}\nPage errors:\n${browser.errors.join('\n') || '(none)'}`)
    })
    try {
      await use({ server, browser, page: browser.page, open: () => openApp(browser.page, server) })
    } finally {
      const name = `${basename(task.file.name, '.test.ts')}--${task.fullTestName ?? task.name}`
      await saveScreenshot(browser.page, name).catch((error: unknown) => console.error(`No screenshot for ${name}: ${String(error)}`))
      await browser.close()
      await server.stop()
    }
  }
})
