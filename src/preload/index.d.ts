import type { MainBridge } from '../shared/contract'

declare global {
  interface Window {
    /** Present in the desktop app; absent in the browser, where the WebSocket client is used. */
    main?: MainBridge
  }
}
