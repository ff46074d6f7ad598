import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { findBrowser, noBrowserAdvice } from './findBrowser'

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic'
]

/** A headless Chromium with its own profile directory, and the page errors it reported. */
export interface BrowserSession {
  context: BrowserContext
  page: Page
  /** Uncaught page errors and console errors, in order. */
  errors: string[]
  close(): Promise<void>
}

/** Starts the browser findBrowser() picks; rejects with the advice sentence when there is none. */
export async function openBrowser(): Promise<BrowserSession> {
  const executablePath = findBrowser()
  if (!executablePath) throw new Error(noBrowserAdvice())
  const userDataDir = await mkdtemp(join(tmpdir(), 'e2e-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 }
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
  page.setDefaultTimeout(10_000)
  page.on('console', (message) => {
    // Chromium asks for /favicon.ico on its own; the app has none, and that 404 says nothing about the app.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(`console error: ${message.text()}`)
  })
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close()
      await rm(userDataDir, { recursive: true, force: true })
    }
  }
}
