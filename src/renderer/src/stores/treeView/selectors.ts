import { defaultTreeView, type TreeView, type TreeViewState } from './initialState'

/** Derived reads of the tree view slice. */
export const treeViewSelectors = {
  view:
    (connectionId: string) =>
    (state: TreeViewState): TreeView =>
      state.views[connectionId] ?? defaultTreeView
}
