import { ipcMain, type WebContents } from 'electron'
import { requests, type EventName } from '../../shared/contract'
import type { DeltaReceiver } from '../ports/deltaReceiver'
import { dispatch, type HandlerTable } from './handlerTable'
import { isTrustedSender } from '../window/windowSecurity'

// One receiver per window, so its stream keeps its state across requests; a reload starts it over (model:openStream).
const receivers = new WeakMap<WebContents, DeltaReceiver>()

/**
 * The window as a receiver of the delta stream. IPC has no send buffer to watch, so the window's pace is its
 * acknowledgements alone (the stream's credit, see DeltaStream).
 */
function windowReceiver(contents: WebContents): DeltaReceiver {
  let receiver = receivers.get(contents)
  if (!receiver) {
    receiver = {
      id: `window-${contents.id}`,
      isOpen: () => !contents.isDestroyed(),
      canSend: () => true,
      send: (delta) => sendEvent(contents, 'model:delta', delta)
    }
    receivers.set(contents, receiver)
  }
  return receiver
}

/** Registers every request of the contract on Electron IPC; each call is sender-checked and schema-parsed. */
export function registerIpcHandlers(table: HandlerTable, appUrl: () => string): void {
  for (const name of Object.keys(requests)) {
    ipcMain.handle(name, (event, args: unknown) => {
      const frame = event.senderFrame
      if (!frame || frame !== event.sender.mainFrame || !isTrustedSender(frame.url, appUrl())) {
        return { ok: false, error: { code: 'invalid-argument', message: 'This request did not come from the app window.' } }
      }
      return dispatch(table, name, args, windowReceiver(event.sender))
    })
  }
}

/** Sends one event to the window; callers batch hot data (deltas) before they get here. */
export function sendEvent(contents: WebContents | undefined, name: EventName, payload: unknown): void {
  if (contents && !contents.isDestroyed()) contents.send(name, payload)
}
