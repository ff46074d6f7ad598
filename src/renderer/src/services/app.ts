import type { MainEvents } from '@shared/contract'
import { api, events } from './api'

/** What this back end can do (capabilities) and the native file dialog (pickFile). */
export const appService = api.app

/** Connects to main (Electron preload or the headless server's WebSocket); once, at start-up. */
export { connectApi as connectToMain } from './api'

/** Desktop menu commands the page carries out; only once main is connected. */
export function appEvents(): MainEvents['app'] {
  return events().app
}
