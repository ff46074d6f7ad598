import type { MainServices } from '../main/services'

/** The connection id an always-on recording of a profile uses, so a page opened later adopts it as that profile's tab. */
export function alwaysOnConnectionId(profileId: string): string {
  return `always-on-${profileId}`
}

/**
 * `--record NAME`: connects each named profile and records everything it receives, with no page open, until
 * the server stops. Returns one sentence per profile for the console: what is recorded, or why it is not.
 */
export async function startAlwaysOnRecordings(services: MainServices, profileNames: readonly string[]): Promise<string[]> {
  const profiles = services.profiles.profiles.list()
  return Promise.all(
    profileNames.map(async (name) => {
      const profile = profiles.find((p) => p.name.trim().toLowerCase() === name.trim().toLowerCase())
      if (!profile) return `No profile is named "${name}", so it is not recorded. The profiles are: ${profiles.map((p) => `"${p.name}"`).join(', ') || 'none yet'}.`
      const connectionId = alwaysOnConnectionId(profile.id)
      // Recording starts first, so the retained messages the subscriptions bring at once are kept too.
      const recording = services.recordings.start({ connectionId, name: `${profile.name} (always on)`, filters: [] })
      try {
        await services.sessions.connectProfile(connectionId, profile.id)
        return `Recording "${profile.name}" (${profile.options.protocol}://${profile.options.host}:${profile.options.port}) into ${recording.id}.`
      } catch (error) {
        services.recordings.stop(connectionId)
        return `"${profile.name}" is not recorded: ${error instanceof Error ? error.message : String(error)}`
      }
    })
  )
}
