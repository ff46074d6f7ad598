import { create } from 'zustand'
import type { SimulationStatus } from '@shared/contract'
import { errorMessage } from '../../lib/errorMessage'
import { simulationService } from '../../services/simulation'

/** What a simulation publishes: the composer's message as typed, variables unfilled (main fills them per message). */
export interface SimulationTemplate {
  topic: string
  payload: string
  qos: 0 | 1 | 2
  retain: boolean
}

export interface SimulationsState {
  /** The latest simulation of each connection (running, or how it ended). */
  byConnection: Record<string, SimulationStatus>
  /** Why the last start or stop was refused, per connection. */
  errors: Record<string, string>
}

export interface SimulationsActions {
  start(connectionId: string, template: SimulationTemplate, ratePerSecond: number, count: number | undefined): Promise<void>
  stop(connectionId: string): Promise<void>
  apply(status: SimulationStatus): void
}

export const initialSimulationsState: SimulationsState = { byConnection: {}, errors: {} }

/** Device simulations per connection, started from the publish composer. */
export const useSimulationsStore = create<SimulationsState & SimulationsActions>()((set, get) => {
  const fail = (connectionId: string, error: unknown): void => set({ errors: { ...get().errors, [connectionId]: errorMessage(error) } })
  const clear = (connectionId: string): void => {
    const { [connectionId]: _gone, ...errors } = get().errors
    set({ errors })
  }
  return {
    ...initialSimulationsState,
    async start(connectionId, template, ratePerSecond, count) {
      try {
        const status = await simulationService.start({ simulationId: crypto.randomUUID(), connectionId, ...template, ratePerSecond, ...(count === undefined ? {} : { count }) })
        clear(connectionId)
        get().apply(status)
      } catch (error) {
        fail(connectionId, error)
      }
    },
    async stop(connectionId) {
      const running = get().byConnection[connectionId]
      if (!running) return
      try {
        get().apply(await simulationService.stop({ simulationId: running.simulationId }))
      } catch (error) {
        fail(connectionId, error)
      }
    },
    apply(status) {
      const known = get().byConnection[status.connectionId]
      // A late status of an earlier simulation does not replace a running one.
      if (known && known.simulationId !== status.simulationId && known.state === 'running') return
      set({ byConnection: { ...get().byConnection, [status.connectionId]: status } })
    }
  }
})
