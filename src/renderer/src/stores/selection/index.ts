import { create } from 'zustand'
import { createSelectionActions, type SelectionActions } from './actions'
import { initialSelectionState, type SelectionState } from './initialState'

export type SelectionStore = SelectionState & SelectionActions

/** The selected topic and message per connection. */
export const useSelectionStore = create<SelectionStore>()((set, get) => ({ ...initialSelectionState, ...createSelectionActions(set, get) }))

export { selectionSelectors } from './selectors'
export { emptySelection, initialSelectionState, type Selection, type SelectionState } from './initialState'
