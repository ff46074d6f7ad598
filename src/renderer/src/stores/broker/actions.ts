import type { BrokerStatus } from '@shared/contract'
import { errorMessage } from '../../lib/errorMessage'
import { brokerService } from '../../services/broker'
import { useConnectionsStore } from '../connections'
import { useProfilesStore } from '../profiles'
import { brokerStartOf, type BrokerForm } from './brokerForm'
import type { BrokerState } from './initialState'

type Set = (partial: Partial<BrokerState>) => void
type Get = () => BrokerState

/** The profile "Open a tab" creates once and then reuses. */
export const BUILT_IN_PROFILE_NAME = 'Built-in broker'

export interface BrokerActions {
  load(): Promise<void>
  setForm(form: BrokerForm): void
  /** Starts the broker with the form's settings; a field to fix is shown as the error. */
  start(): Promise<void>
  stop(): Promise<void>
  /** The broker:status event. */
  applyStatus(status: BrokerStatus): void
  /** Points the "Built-in broker" profile at the running broker (with its login) and connects a tab to it. */
  openTab(): Promise<void>
}

export function createBrokerActions(set: Set, get: Get): BrokerActions {
  // Kept for "Open a tab" only: main never returns the password it was started with. Null when this page did not
  // start the broker (a reload, another browser window): the saved profile's login is then kept as it is.
  let login: { username?: string; password?: string } | null = null
  const run = async (action: () => Promise<void>): Promise<void> => {
    set({ busy: true, error: null })
    try {
      await action()
    } catch (error) {
      set({ error: errorMessage(error) })
    } finally {
      set({ busy: false })
    }
  }
  return {
    load: () => run(async () => set({ status: await brokerService.status({}) })),
    setForm(form) {
      set({ form })
    },
    start: () =>
      run(async () => {
        const options = brokerStartOf(get().form)
        if (typeof options === 'string') throw new Error(options)
        set({ status: await brokerService.start(options) })
        login = { ...(options.username !== undefined && { username: options.username }), ...(options.password !== undefined && { password: options.password }) }
      }),
    stop: () => run(async () => set({ status: await brokerService.stop({}) })),
    applyStatus(status) {
      set({ status })
    },
    openTab: () =>
      run(async () => {
        const status = get().status
        if (!status?.running || status.localHost === null || status.tcpPort === null) {
          throw new Error('The built-in broker is not running. Start it, then open a tab.')
        }
        const profiles = useProfilesStore.getState()
        const existing = profiles.profiles.find((profile) => profile.name === BUILT_IN_PROFILE_NAME)
        const username = login === null ? existing?.options.username : login.username
        const saved = await profiles.save({
          ...(existing && { id: existing.id }),
          name: BUILT_IN_PROFILE_NAME,
          options: { protocol: 'mqtt', host: status.localHost, port: status.tcpPort, ...(username !== undefined && { username }) },
          ...(login !== null && { password: login.password ?? null })
        })
        // Reconnects an open tab, so it follows the broker to its new port or login.
        await useConnectionsStore.getState().open(saved.id, { reconnect: true })
      })
  }
}
