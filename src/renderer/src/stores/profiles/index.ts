import { create } from 'zustand'
import { createProfilesActions, type ProfilesActions } from './actions'
import { initialProfilesState, type ProfilesState } from './initialState'

export type ProfilesStore = ProfilesState & ProfilesActions

/** Saved broker profiles. */
export const useProfilesStore = create<ProfilesStore>()((set, get) => ({ ...initialProfilesState, ...createProfilesActions(set, get) }))

export { profilesSelectors } from './selectors'
export { initialProfilesState, type ProfilesState } from './initialState'
