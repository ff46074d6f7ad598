import type { TreeSearch, TreeSearchState } from './initialState'

/** Derived reads of the tree search slice. */
export const treeSearchSelectors = {
  search:
    (connectionId: string) =>
    (state: TreeSearchState): TreeSearch | undefined =>
      state.searches[connectionId]
}
