import type { ConnectionOptions, profileRequests, Subscription, SubscriptionResult } from '../../shared/contract'
import { exportProfiles, importProfiles, writeExportFile, type ProfileServices } from '../profiles'
import type { HandlerTable } from './handlerTable'

/** What profile:connect needs from the engine (ConnectionManager provides it). */
export interface ProfileConnector {
  connect(connectionId: string, options: ConnectionOptions): Promise<void>
  subscribe(connectionId: string, subscriptions: Subscription[]): Promise<SubscriptionResult[]>
}

type ProfileHandlers = Pick<HandlerTable, keyof typeof profileRequests>

/** Handlers of the profile:* requests; secrets are opened here only to hand them to the engine. */
export function createProfileHandlers({ profiles, history, notices }: ProfileServices, connector: ProfileConnector): ProfileHandlers {
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
    'profile:connect': async ({ connectionId, profileId, password, keyPassphrase }) => {
      const options = profiles.resolveConnectionOptions(profileId, { password, keyPassphrase })
      const { subscriptions } = profiles.get(profileId)
      await connector.connect(connectionId, options)
      return { connectionId, subscriptions: subscriptions.length > 0 ? await connector.subscribe(connectionId, subscriptions) : [] }
    },
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
