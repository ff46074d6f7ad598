import type { profileRequests } from '../../shared/contract'
import { exportProfiles, importProfiles, writeExportFile, type ProfileServices } from '../profiles'
import type { SessionService } from '../session/sessionService'
import type { HandlerTable } from './handlerTable'

type ProfileHandlers = Pick<HandlerTable, keyof typeof profileRequests>

/** Handlers of the profile:* requests; profile:connect goes to the session service, which opens the secrets. */
export function createProfileHandlers({ profiles, history, notices }: ProfileServices, sessions: SessionService): ProfileHandlers {
  return {
    'profile:list': () => ({ profiles: profiles.list() }),
    'profile:save': (args) => ({ profile: profiles.save(args) }),
    'profile:duplicate': ({ id }) => ({ profile: profiles.duplicate(id) }),
    'profile:delete': ({ id }) => {
      const remaining = profiles.delete(id)
      history.forget(id)
      return { profiles: remaining }
    },
    'profile:reorder': ({ ids }) => ({ profiles: profiles.reorder(ids) }),
    'profile:setSubscriptions': ({ profileId, subscriptions }) => ({ profile: profiles.setSubscriptions(profileId, subscriptions) }),
    'profile:connect': ({ connectionId, profileId, password, keyPassphrase }) => sessions.connectProfile(connectionId, profileId, { password, keyPassphrase }),
    'profile:export': async ({ ids, includeSecrets, filePath }) => {
      const result = exportProfiles(profiles, { ids, includeSecrets })
      if (filePath === undefined) return result
      await writeExportFile(filePath, result.json, includeSecrets)
      return { ...result, filePath }
    },
    'profile:import': ({ json }) => importProfiles(profiles, json),
    'profile:publishHistory': ({ profileId }) => {
      profiles.get(profileId)
      return { entries: history.entries(profileId) }
    },
    'profile:addPublishHistory': ({ profileId, entry }) => {
      profiles.get(profileId)
      return { entries: history.add(profileId, entry) }
    },
    'profile:clearPublishHistory': ({ profileId }) => ({ entries: history.clear(profileId) }),
    'profile:templates': ({ profileId }) => ({ templates: profiles.templates(profileId) }),
    'profile:saveTemplate': ({ profileId, template }) => profiles.saveTemplate(profileId, template),
    'profile:deleteTemplate': ({ profileId, templateId }) => ({ templates: profiles.deleteTemplate(profileId, templateId) }),
    'profile:notices': () => ({ notices: notices.list() })
  }
}
