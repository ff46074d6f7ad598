import type { profileRequests } from '../../shared/contract'
import { importProfiles, type ProfileServices } from '../profiles'
import type { SessionService } from '../session/sessionService'
import type { HandlerTable } from './handlerTable'

type ProfileHandlers = Pick<HandlerTable, keyof typeof profileRequests>

/** Handlers of the profile:* requests; profile:connect goes to the session service, which opens the secrets. */
export function createProfileHandlers({ profiles, history, library, notices }: ProfileServices, sessions: SessionService): ProfileHandlers {
  return {
    'profile:list': () => ({ profiles: profiles.list() }),
    'profile:save': (args) => ({ profile: profiles.save(args) }),
    'profile:duplicate': ({ id }) => ({ profile: profiles.duplicate(id) }),
    'profile:delete': ({ id }) => ({ profiles: library.delete(id) }),
    'profile:reorder': ({ ids }) => ({ profiles: profiles.reorder(ids) }),
    'profile:setSubscriptions': ({ profileId, subscriptions }) => ({ profile: profiles.setSubscriptions(profileId, subscriptions) }),
    'profile:setCharts': ({ profileId, charts }) => ({ profile: profiles.setCharts(profileId, charts) }),
    'profile:setSequences': ({ profileId, sequences }) => ({ profile: profiles.setSequences(profileId, sequences) }),
    'profile:connect': ({ connectionId, profileId, password, keyPassphrase }) => sessions.connectProfile(connectionId, profileId, { password, keyPassphrase }),
    'profile:export': (request) => library.export(request),
    'profile:import': ({ json }) => importProfiles(profiles, json),
    'profile:publishHistory': ({ profileId }) => ({ entries: library.historyOf(profileId) }),
    'profile:addPublishHistory': ({ profileId, entry }) => ({ entries: library.addToHistory(profileId, entry) }),
    'profile:clearPublishHistory': ({ profileId }) => ({ entries: history.clear(profileId) }),
    'profile:templates': ({ profileId }) => ({ templates: profiles.templates(profileId) }),
    'profile:saveTemplate': ({ profileId, template }) => profiles.saveTemplate(profileId, template),
    'profile:deleteTemplate': ({ profileId, templateId }) => ({ templates: profiles.deleteTemplate(profileId, templateId) }),
    'profile:notices': () => ({ notices: notices.list() })
  }
}
