import type { MainBridge } from '@shared/contract'
import { takeAccessToken } from './accessToken'
import { connectWebSocketBridge } from './webSocketBridge'

/**
 * The bridge to main: the preload's `window.main` in the desktop app, otherwise a WebSocket to the headless server
 * that served this page. Rejects with a sentence the page can show when the server refuses or cannot be reached.
 */
export async function connectBridge(): Promise<MainBridge> {
  if (window.main) return window.main
  const token = takeAccessToken(window.location, window.history, window.sessionStorage)
  if (!token) {
    throw new Error('This page needs the access token. Open the address the Brokerscope server printed at start-up (it ends in ?token=…).')
  }
  return connectWebSocketBridge({ origin: window.location.origin, token })
}
