import { emptyDecoderPrefs, type DecoderPrefs, type Profile } from '@shared/contract'
import { profileDecoders, type ProfileDecoders } from '@shared/decoders'
import { useProfilesStore } from '../profiles'
import { useConnectionsStore } from './store'

// One object for "no settings", so a connection whose profile is gone keeps one compiled form.
const NONE: DecoderPrefs = emptyDecoderPrefs()

function prefsOf(profileId: string | undefined, profiles: readonly Profile[]): DecoderPrefs {
  return (profileId === undefined ? undefined : profiles.find((p) => p.id === profileId)?.decoders) ?? NONE
}

/** The decoder settings of a connection's profile, compiled (once per settings object); for code outside React. */
export function connectionDecoders(connectionId: string): ProfileDecoders {
  const profileId = useConnectionsStore.getState().tabs.find((t) => t.connectionId === connectionId)?.profileId
  return profileDecoders(prefsOf(profileId, useProfilesStore.getState().profiles))
}

/** The same for a view: re-renders when the profile's decoder settings are saved. */
export function useConnectionDecoders(connectionId: string): ProfileDecoders {
  const profileId = useConnectionsStore((s) => s.tabs.find((t) => t.connectionId === connectionId)?.profileId)
  const prefs = useProfilesStore((s) => prefsOf(profileId, s.profiles))
  return profileDecoders(prefs)
}
