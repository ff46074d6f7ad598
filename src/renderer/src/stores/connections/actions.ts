import type { ConnectionStatus, Subscription, SubscriptionResult } from '@shared/contract'
import { errorMessage } from '../../lib/errorMessage'
import { ApiError } from '../../services/apiError'
import { connectionService } from '../../services/connection'
import { profileService } from '../../services/profile'
import { recordingService } from '../../services/recording'
import { forgetClientModel } from '../../model'
import { useProfilesStore } from '../profiles'
import { usePublishStore } from '../publish'
import { useSelectionStore } from '../selection'
import { useTreeViewStore } from '../treeView'
import type { ConnectionsState, ConnectionTab } from './initialState'

type Set = (partial: Partial<ConnectionsState>) => void
type Get = () => ConnectionsState

/** Opening, connecting and closing connection tabs, and changing their subscriptions while connected. */
export interface ConnectionsActions {
  /**
   * Brings the profile's tab to the front, opening and connecting it when there is none; `reconnect`
   * closes a live connection first so changed settings take effect.
   */
  open(profileId: string, options?: { reconnect?: boolean }): Promise<string>
  /** Connects with the saved profile; `secrets` are used for this attempt only and never saved. */
  connect(connectionId: string, secrets?: { password?: string; keyPassphrase?: string; proxyPassword?: string }): Promise<void>
  disconnect(connectionId: string): Promise<void>
  close(connectionId: string): Promise<void>
  activate(connectionId: string | null): void
  applyStatus(status: ConnectionStatus): void
  /**
   * Opens tabs for connections main already holds (after a reload, or in a second browser window of the
   * headless mode), so none stays open unseen; their models come with the page's own delta stream.
   */
  adopt(statuses: ConnectionStatus[]): void
  /** Subscribes now when connected, and saves the subscription in the profile either way. */
  subscribe(connectionId: string, subscription: Subscription): Promise<SubscriptionResult | null>
  unsubscribe(connectionId: string, filter: string): Promise<void>
}

let nextTab = 0
/** An id no other window picks (in headless mode several share main); the profile travels in the status, not here. */
function newConnectionId(): string {
  nextTab += 1
  const random = crypto.getRandomValues(new Uint32Array(1))[0] ?? 0
  return `tab-${Date.now().toString(36)}-${random.toString(36)}-${nextTab}`
}

const LIVE_STATES = new Set(['connecting', 'connected', 'reconnecting', 'offline'])

/** Whether main holds a client for this tab (so disconnect and subscribe make sense). */
export function isLive(tab: ConnectionTab): boolean {
  return LIVE_STATES.has(tab.state)
}

function byFilter(results: SubscriptionResult[]): Record<string, SubscriptionResult> {
  return Object.fromEntries(results.map((r) => [r.filter, r]))
}

export function createConnectionsActions(set: Set, get: Get): ConnectionsActions {
  const update = (connectionId: string, patch: Partial<ConnectionTab>): void => {
    set({ tabs: get().tabs.map((tab) => (tab.connectionId === connectionId ? { ...tab, ...patch } : tab)) })
  }
  const find = (connectionId: string): ConnectionTab | undefined => get().tabs.find((t) => t.connectionId === connectionId)

  const actions: ConnectionsActions = {
    async open(profileId, options = {}) {
      const existing = get().tabs.find((t) => t.profileId === profileId)
      if (existing) {
        set({ activeId: existing.connectionId })
        if (isLive(existing) && options.reconnect) await actions.disconnect(existing.connectionId)
        if (!isLive(find(existing.connectionId) ?? existing)) await actions.connect(existing.connectionId)
        return existing.connectionId
      }
      const tab: ConnectionTab = { connectionId: newConnectionId(), profileId, state: 'idle', error: null, errorCode: null, subscriptionResults: {}, since: Date.now() }
      set({ tabs: [...get().tabs, tab], activeId: tab.connectionId })
      await actions.connect(tab.connectionId)
      return tab.connectionId
    },
    async connect(connectionId, secrets = {}) {
      const tab = find(connectionId)
      if (!tab) return
      update(connectionId, { state: 'connecting', error: null, errorCode: null, since: Date.now() })
      try {
        const reply = await profileService.connect({ connectionId, profileId: tab.profileId, ...secrets })
        // A status event may already have said 'connected'; only a still-pending tab is moved on here.
        const current = find(connectionId)
        update(connectionId, {
          subscriptionResults: byFilter(reply.subscriptions),
          ...(current?.state === 'connecting' ? { state: 'connected', since: Date.now() } : {})
        })
      } catch (error) {
        update(connectionId, { state: 'error', error: errorMessage(error), errorCode: error instanceof ApiError ? error.code : null, since: Date.now() })
      }
    },
    async disconnect(connectionId) {
      try {
        await connectionService.disconnect({ connectionId })
        update(connectionId, { state: 'disconnected', error: null, errorCode: null, since: Date.now() })
      } catch (error) {
        update(connectionId, { error: errorMessage(error) })
      }
    },
    async close(connectionId) {
      const tab = find(connectionId)
      if (!tab) return
      if (tab.recording) await recordingService.closeBrowse({ connectionId }).catch(() => undefined)
      else if (isLive(tab)) await connectionService.disconnect({ connectionId }).catch(() => undefined)
      // By id, not by the object found above: the status events of the disconnect have replaced it meanwhile.
      const tabs = get().tabs
      const index = tabs.findIndex((t) => t.connectionId === connectionId)
      if (index < 0) return
      const rest = tabs.filter((t) => t.connectionId !== connectionId)
      const neighbour = rest[Math.min(index, rest.length - 1)]
      set({ tabs: rest, activeId: get().activeId === connectionId ? (neighbour?.connectionId ?? null) : get().activeId })
      // The tab's data and view state go with it.
      forgetClientModel(connectionId)
      useTreeViewStore.getState().forget(connectionId)
      useSelectionStore.getState().forget(connectionId)
      usePublishStore.getState().forget(connectionId)
    },
    activate(connectionId) {
      set({ activeId: connectionId })
    },
    applyStatus(status) {
      if (!find(status.connectionId)) return
      update(status.connectionId, {
        state: status.state,
        since: status.at,
        broker: status.broker,
        ...(status.error ? { error: status.error.message, errorCode: status.error.code } : status.state === 'connected' ? { error: null, errorCode: null } : {})
      })
    },
    adopt(statuses) {
      const known = new Set(get().tabs.map((t) => t.connectionId))
      const profiles = useProfilesStore.getState().profiles
      const adopted: ConnectionTab[] = []
      for (const status of statuses) {
        const { profileId } = status
        if (known.has(status.connectionId) || !profileId || !profiles.some((p) => p.id === profileId)) continue
        adopted.push({
          connectionId: status.connectionId,
          profileId,
          state: status.state,
          error: status.error?.message ?? null,
          errorCode: status.error?.code ?? null,
          subscriptionResults: {},
          since: status.at,
          broker: status.broker
        })
      }
      // Their models need no resync: this page's delta stream started with a reset of every connection.
      if (adopted.length > 0) set({ tabs: [...get().tabs, ...adopted] })
    },
    async subscribe(connectionId, subscription) {
      const tab = find(connectionId)
      if (!tab) return null
      let result: SubscriptionResult | null = null
      if (tab.state === 'connected') {
        const reply = await connectionService.subscribe({ connectionId, subscriptions: [subscription] })
        result = reply.results[0] ?? null
        if (result) update(connectionId, { subscriptionResults: { ...(find(connectionId)?.subscriptionResults ?? {}), [result.filter]: result } })
      }
      const profile = useProfilesStore.getState().profiles.find((p) => p.id === tab.profileId)
      if (profile) {
        const others = profile.subscriptions.filter((s) => s.filter !== subscription.filter)
        await useProfilesStore.getState().setSubscriptions(profile.id, [...others, subscription])
      }
      return result
    },
    async unsubscribe(connectionId, filter) {
      const tab = find(connectionId)
      if (!tab) return
      if (tab.state === 'connected') await connectionService.unsubscribe({ connectionId, filters: [filter] })
      const results = { ...(find(connectionId)?.subscriptionResults ?? {}) }
      delete results[filter]
      update(connectionId, { subscriptionResults: results })
      const profile = useProfilesStore.getState().profiles.find((p) => p.id === tab.profileId)
      if (profile) {
        await useProfilesStore.getState().setSubscriptions(
          profile.id,
          profile.subscriptions.filter((s) => s.filter !== filter)
        )
      }
    }
  }
  return actions
}
