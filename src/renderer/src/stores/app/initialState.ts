import type { AppCapabilities } from '@shared/contract'

/** What the back end offers, asked once at start. */
export interface AppState {
  /** Until main answers (or when it cannot), the UI offers only what works everywhere. */
  capabilities: AppCapabilities
}

export const initialAppState: AppState = {
  capabilities: { nativeFilePicker: false }
}
