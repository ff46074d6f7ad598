import type { Session, WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from './windowOptions'

/** Whether an IPC sender is our own top frame showing our own page, not some navigated-to origin. */
export function isTrustedSender(senderUrl: string, appUrl: string): boolean {
  try {
    const sender = new URL(senderUrl)
    const app = new URL(appUrl)
    // A custom scheme's origin is "null" to the URL parser, so app:// pages are told apart by scheme and host.
    if (app.protocol !== 'http:' && app.protocol !== 'https:') return sender.protocol === app.protocol && sender.host === app.host
    return sender.origin === app.origin
  } catch {
    return false
  }
}

/** Blocks navigation, new windows and permission requests, and enforces the CSP on every response. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
    })
  })
}

export function hardenContents(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== appUrl) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}
