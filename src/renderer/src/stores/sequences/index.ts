import { create } from 'zustand'
import type { Sequence, SequenceMode, SequenceStatus } from '@shared/contract'
import { errorMessage } from '../../lib/errorMessage'
import { sequenceService } from '../../services/sequence'

export interface SequencesState {
  /** The latest run of each connection (running, or how it ended). */
  byConnection: Record<string, SequenceStatus>
  /** Why the last run or stop was refused, per connection. */
  errors: Record<string, string>
}

export interface SequencesActions {
  run(connectionId: string, sequence: Sequence, mode: SequenceMode): Promise<void>
  stop(connectionId: string): Promise<void>
  apply(status: SequenceStatus): void
}

export const initialSequencesState: SequencesState = { byConnection: {}, errors: {} }

/** Sequence runs per connection, started from the publish area. */
export const useSequencesStore = create<SequencesState & SequencesActions>()((set, get) => {
  const fail = (connectionId: string, error: unknown): void => set({ errors: { ...get().errors, [connectionId]: errorMessage(error) } })
  const clear = (connectionId: string): void => {
    const { [connectionId]: _gone, ...errors } = get().errors
    set({ errors })
  }
  return {
    ...initialSequencesState,
    async run(connectionId, sequence, mode) {
      try {
        const status = await sequenceService.run({ connectionId, sequence, mode })
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
        get().apply(await sequenceService.stop({ runId: running.runId }))
      } catch (error) {
        fail(connectionId, error)
      }
    },
    apply(status) {
      const known = get().byConnection[status.connectionId]
      // A late status of an earlier run does not replace a running one.
      if (known && known.runId !== status.runId && known.state === 'running') return
      set({ byConnection: { ...get().byConnection, [status.connectionId]: status } })
    }
  }
})
