import type { Profile } from '@shared/contract'
import type { ProfilesState } from './initialState'

/** Derived reads of the profiles slice. */
export const profilesSelectors = {
  byId:
    (id: string | null) =>
    (state: ProfilesState): Profile | undefined =>
      id ? state.profiles.find((p) => p.id === id) : undefined,
  /** Profiles by group, groups in order of first appearance, ungrouped ones first. */
  grouped: (profiles: Profile[]): { group: string; profiles: Profile[] }[] => {
    const groups = new Map<string, Profile[]>([['', []]])
    for (const profile of profiles) {
      const key = profile.group ?? ''
      const list = groups.get(key)
      if (list) list.push(profile)
      else groups.set(key, [profile])
    }
    return [...groups].filter(([, list]) => list.length > 0).map(([group, list]) => ({ group, profiles: list }))
  },
  editing: (state: ProfilesState): Profile | undefined =>
    state.editingId && state.editingId !== 'new' ? state.profiles.find((p) => p.id === state.editingId) : undefined
}
