import type { Profile, StorageNotice } from '@shared/contract'

/** Saved profiles as main last reported them, and which one the editor shows. */
export interface ProfilesState {
  profiles: Profile[]
  loaded: boolean
  /** A sentence when the list could not be loaded. */
  loadError: string | null
  /** The profile open in the editor: an id, 'new' for an unsaved one, null for none. */
  editingId: string | 'new' | null
  notices: StorageNotice[]
}

export const initialProfilesState: ProfilesState = {
  profiles: [],
  loaded: false,
  loadError: null,
  editingId: null,
  notices: []
}
