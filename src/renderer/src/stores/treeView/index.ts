import { create } from 'zustand'
import { createTreeViewActions, type TreeViewActions } from './actions'
import { initialTreeViewState, type TreeViewState } from './initialState'

export type TreeViewStore = TreeViewState & TreeViewActions

/** How each connection's topic tree is shown (filter, sort, pause, expanded nodes). */
export const useTreeViewStore = create<TreeViewStore>()((set, get) => ({ ...initialTreeViewState, ...createTreeViewActions(set, get) }))

export { treeViewSelectors } from './selectors'
export { defaultTreeView, initialTreeViewState, type FilterMode, type FilterTarget, type TreeFilter, type TreeView, type TreeViewState } from './initialState'
