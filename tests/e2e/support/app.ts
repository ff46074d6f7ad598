import type { Page } from 'playwright-core'
import type { RunningServer } from './server'

/** Navigates to the server's printed address and resolves once the page opened its WebSocket to it. */
export async function openApp(page: Page, server: RunningServer): Promise<void> {
  // Generous: the first page load of a fresh Chromium profile on a busy 2-core machine can take a while.
  const socket = page.waitForEvent('websocket', { predicate: (ws) => ws.url().startsWith(server.origin.replace(/^http/, 'ws')), timeout: 30_000 })
  await page.goto(server.url)
  await socket
}
