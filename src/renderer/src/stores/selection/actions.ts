import { emptySelection, type Selection, type SelectionState } from './initialState'

type Set = (partial: Partial<SelectionState>) => void
type Get = () => SelectionState

/** Changing what is selected in a connection's tab. */
export interface SelectionActions {
  /** Selects a tree node; the viewer goes back to following its latest message. */
  selectPath(connectionId: string, path: string | null): void
  selectMessage(connectionId: string, seq: number | null): void
  setCompare(connectionId: string, seq: number | null): void
  forget(connectionId: string): void
}

export function createSelectionActions(set: Set, get: Get): SelectionActions {
  const patch = (connectionId: string, change: Partial<Selection>): void => {
    const current = get().selections[connectionId] ?? emptySelection
    set({ selections: { ...get().selections, [connectionId]: { ...current, ...change } } })
  }
  return {
    selectPath(connectionId, path) {
      if ((get().selections[connectionId] ?? emptySelection).path === path) return
      patch(connectionId, { path, messageSeq: null, compareSeq: null })
    },
    selectMessage(connectionId, seq) {
      patch(connectionId, { messageSeq: seq })
    },
    setCompare(connectionId, seq) {
      patch(connectionId, { compareSeq: seq })
    },
    forget(connectionId) {
      const selections = { ...get().selections }
      delete selections[connectionId]
      set({ selections })
    }
  }
}
