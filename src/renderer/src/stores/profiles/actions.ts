import type { ArgsOf, ChartDefinition, ImportRejection, Profile, ProfileSaveInput, Sequence, StorageNotice, Subscription } from '@shared/contract'
import { errorMessage } from '../../lib/errorMessage'
import { profileService } from '../../services/profile'
import type { ProfilesState } from './initialState'

type Set = (partial: Partial<ProfilesState>) => void
type Get = () => ProfilesState

/** What the profile screens can do; each call goes to main and keeps the list in main's order. */
export interface ProfilesActions {
  load(): Promise<void>
  /** Creates or updates; resolves with the saved profile, rejects with the contract's sentence. */
  save(input: ProfileSaveInput): Promise<Profile>
  duplicate(id: string): Promise<Profile>
  remove(id: string): Promise<void>
  /** Moves a profile up (-1) or down (+1) in the list. */
  move(id: string, offset: -1 | 1): Promise<void>
  setSubscriptions(profileId: string, subscriptions: Subscription[]): Promise<Profile>
  /** Replaces a profile's charts: shown at once, undone with the contract's sentence when main refuses. */
  setCharts(profileId: string, charts: ChartDefinition[]): Promise<Profile>
  /** Replaces a profile's sequences the same way. */
  setSequences(profileId: string, sequences: Sequence[]): Promise<Profile>
  /** Imports an export file's text as new profiles and shows main's new list; resolves with what was imported and skipped. */
  importProfiles(json: string): Promise<{ imported: Profile[]; rejected: ImportRejection[] }>
  /** Imports the chosen connections of an MQTT Explorer or MQTTX file (as previewed) and shows main's new list. */
  importPeerProfiles(args: ArgsOf<'profile:importPeerProfiles'>): Promise<Profile[]>
  edit(id: string | 'new' | null): void
  /** Applies the full list main sent with `profile:changed`. */
  replaceAll(profiles: Profile[]): void
  addNotice(notice: StorageNotice): void
  dismissNotice(id: string): void
}

function withProfile(profiles: Profile[], profile: Profile): Profile[] {
  const index = profiles.findIndex((p) => p.id === profile.id)
  if (index === -1) return [...profiles, profile]
  const next = profiles.slice()
  next[index] = profile
  return next
}

export function createProfilesActions(set: Set, get: Get): ProfilesActions {
  /** Shows a part of a profile changed at once; main's reply replaces it, and a refusal puts the old one back. */
  const replacePart = async (profileId: string, part: Partial<Profile>, save: () => Promise<{ profile: Profile }>): Promise<Profile> => {
    const before = get().profiles.find((p) => p.id === profileId)
    if (before) set({ profiles: withProfile(get().profiles, { ...before, ...part }) })
    try {
      const { profile } = await save()
      set({ profiles: withProfile(get().profiles, profile) })
      return profile
    } catch (error) {
      if (before) set({ profiles: withProfile(get().profiles, before) })
      throw error
    }
  }
  const actions: ProfilesActions = {
    async load() {
      try {
        const [{ profiles }, { notices }] = await Promise.all([profileService.list({}), profileService.notices({})])
        set({ profiles, notices, loaded: true, loadError: null })
      } catch (error) {
        set({ loaded: true, loadError: errorMessage(error) })
      }
    },
    async save(input) {
      const { profile } = await profileService.save(input)
      set({ profiles: withProfile(get().profiles, profile), editingId: profile.id })
      return profile
    },
    async duplicate(id) {
      const { profile } = await profileService.duplicate({ id })
      set({ profiles: withProfile(get().profiles, profile), editingId: profile.id })
      return profile
    },
    async remove(id) {
      const { profiles } = await profileService.delete({ id })
      set({ profiles, editingId: get().editingId === id ? null : get().editingId })
    },
    async move(id, offset) {
      // Profiles are listed by group, so a profile moves past its neighbour in the same group.
      const profiles = get().profiles
      const from = profiles.findIndex((p) => p.id === id)
      const group = profiles[from]?.group ?? ''
      let to = from + offset
      while (to >= 0 && to < profiles.length && (profiles[to]?.group ?? '') !== group) to += offset
      if (from === -1 || to < 0 || to >= profiles.length) return
      const ids = profiles.map((p) => p.id)
      ids[from] = ids[to] as string
      ids[to] = id
      const reply = await profileService.reorder({ ids })
      set({ profiles: reply.profiles })
    },
    async setSubscriptions(profileId, subscriptions) {
      const { profile } = await profileService.setSubscriptions({ profileId, subscriptions })
      set({ profiles: withProfile(get().profiles, profile) })
      return profile
    },
    async importPeerProfiles(args) {
      const { imported, profiles } = await profileService.importPeerProfiles(args)
      actions.replaceAll(profiles)
      return imported
    },
    setCharts(profileId, charts) {
      return replacePart(profileId, { charts }, () => profileService.setCharts({ profileId, charts }))
    },
    setSequences(profileId, sequences) {
      return replacePart(profileId, { sequences }, () => profileService.setSequences({ profileId, sequences }))
    },
    async importProfiles(json) {
      const { imported, rejected, profiles } = await profileService.import({ json })
      actions.replaceAll(profiles)
      return { imported, rejected }
    },
    edit(id) {
      set({ editingId: id })
    },
    replaceAll(profiles) {
      const editingId = get().editingId
      const stillThere = editingId === null || editingId === 'new' || profiles.some((p) => p.id === editingId)
      set({ profiles, editingId: stillThere ? editingId : null })
    },
    addNotice(notice) {
      set({ notices: [...get().notices.filter((n) => n.id !== notice.id), notice] })
    },
    dismissNotice(id) {
      set({ notices: get().notices.filter((n) => n.id !== id) })
    }
  }
  return actions
}
