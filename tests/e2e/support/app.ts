import type { Page } from 'playwright-core'
import type { RunningServer } from './server'

/** Navigates to the server's printed address and resolves once the page opened its WebSocket to it. */
export async function openApp(page: Page, server: RunningServer): Promise<void> {
  const socket = page.waitForEvent('websocket', (ws) => ws.url().startsWith(server.origin.replace(/^http/, 'ws')))
  await page.goto(server.url)
  await socket
}
