import { emptySelection, type Selection, type SelectionState } from './initialState'

/** Derived reads of the selection slice. */
export const selectionSelectors = {
  of:
    (connectionId: string) =>
    (state: SelectionState): Selection =>
      state.selections[connectionId] ?? emptySelection,
  path:
    (connectionId: string) =>
    (state: SelectionState): string | null =>
      state.selections[connectionId]?.path ?? null
}
