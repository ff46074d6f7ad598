import { create } from 'zustand'
import { createTreeSearchActions, type TreeSearchActions } from './actions'
import { initialTreeSearchState, type TreeSearchState } from './initialState'

export type TreeSearchStore = TreeSearchState & TreeSearchActions

/** The search in main behind each connection's filter box (payloads, regex, MQTT filters). */
export const useTreeSearchStore = create<TreeSearchStore>()((set, get) => ({ ...initialTreeSearchState, ...createTreeSearchActions(set, get) }))

export { treeSearchSelectors } from './selectors'
export { initialTreeSearchState, type TreeSearch, type TreeSearchRequest, type TreeSearchState } from './initialState'
