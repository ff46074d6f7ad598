import type { Profile } from '@shared/contract'
import type { ProfilesState } from './initialState'

/** Derived reads of the profiles slice. */
export const profilesSelectors = {
  byId:
    (id: string | null) =>
    (state: ProfilesState): Profile | undefined =>
      id ? state.profiles.find((p) => p.id === id) : undefined,
  editing: (state: ProfilesState): Profile | undefined =>
    state.editingId && state.editingId !== 'new' ? state.profiles.find((p) => p.id === state.editingId) : undefined
}
