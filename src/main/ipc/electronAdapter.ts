import { ipcMain, type WebContents } from 'electron'
import { requests, type EventName } from '../../shared/contract'
import { dispatch, type HandlerTable } from './handlerTable'
import { isTrustedSender } from '../window/windowSecurity'

/** Registers every request of the contract on Electron IPC; each call is sender-checked and schema-parsed. */
export function registerIpcHandlers(table: HandlerTable, appUrl: () => string): void {
  for (const name of Object.keys(requests)) {
    ipcMain.handle(name, (event, args: unknown) => {
      const frame = event.senderFrame
      if (!frame || frame !== event.sender.mainFrame || !isTrustedSender(frame.url, appUrl())) {
        return { ok: false, error: { code: 'invalid-argument', message: 'This request did not come from the app window.' } }
      }
      return dispatch(table, name, args)
    })
  }
}

/** Sends one event to the window; callers batch hot data (deltas) before they get here. */
export function sendEvent(contents: WebContents | undefined, name: EventName, payload: unknown): void {
  if (contents && !contents.isDestroyed()) contents.send(name, payload)
}
