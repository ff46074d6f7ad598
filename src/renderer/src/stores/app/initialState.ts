import type { AppCapabilities } from '@shared/contract'

/** What the back end offers, asked once at start. */
export interface AppState {
  /** Until main answers (or when it cannot), the UI offers only what works everywhere. */
  capabilities: AppCapabilities
  /** The keyboard shortcuts help is open (F1, the Help button, or the desktop menu). */
  helpOpen: boolean
}

export const initialAppState: AppState = {
  capabilities: { nativeFilePicker: false, peerDiscovery: false },
  helpOpen: false
}
