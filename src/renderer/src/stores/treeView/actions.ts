import type { ChildSort } from '@shared/contract'
import { defaultTreeView, type TreeFilter, type TreeView, type TreeViewState } from './initialState'

type Set = (partial: Partial<TreeViewState>) => void
type Get = () => TreeViewState

/** Changes to how a connection's tree is shown. */
export interface TreeViewActions {
  setFilter(connectionId: string, filter: Partial<TreeFilter>): void
  /** Sort by a key; choosing the current key again flips the direction. */
  setSort(connectionId: string, sort: ChildSort): void
  /** Pauses at `currentVersion` of the model, or resumes following it. */
  setPaused(connectionId: string, paused: boolean, currentVersion: number): void
  setExpanded(connectionId: string, path: string, expanded: boolean): void
  toggleExpanded(connectionId: string, path: string): void
  /** Expands every given path (e.g. the ancestors of a topic to reveal). */
  expandAll(connectionId: string, paths: Iterable<string>): void
  collapseAll(connectionId: string): void
  forget(connectionId: string): void
}

export function createTreeViewActions(set: Set, get: Get): TreeViewActions {
  const patch = (connectionId: string, change: (view: TreeView) => Partial<TreeView>): void => {
    const view = get().views[connectionId] ?? defaultTreeView
    set({ views: { ...get().views, [connectionId]: { ...view, ...change(view) } } })
  }
  const actions: TreeViewActions = {
    setFilter(connectionId, filter) {
      patch(connectionId, (view) => ({ filter: { ...view.filter, ...filter } }))
    },
    setSort(connectionId, sort) {
      patch(connectionId, (view) => ({
        sort,
        // Newest and busiest first is what people want on the first click; names go A→Z.
        descending: view.sort === sort ? !view.descending : sort !== 'name'
      }))
    },
    setPaused(connectionId, paused, currentVersion) {
      patch(connectionId, () => ({ paused, frozenVersion: currentVersion }))
    },
    setExpanded(connectionId, path, expanded) {
      patch(connectionId, (view) => {
        if (view.expanded.has(path) === expanded) return {}
        const next = new Set(view.expanded)
        if (expanded) next.add(path)
        else next.delete(path)
        return { expanded: next }
      })
    },
    toggleExpanded(connectionId, path) {
      const view = get().views[connectionId] ?? defaultTreeView
      actions.setExpanded(connectionId, path, !view.expanded.has(path))
    },
    expandAll(connectionId, paths) {
      patch(connectionId, (view) => ({ expanded: new Set([...view.expanded, ...paths]) }))
    },
    collapseAll(connectionId) {
      patch(connectionId, () => ({ expanded: new Set() }))
    },
    forget(connectionId) {
      const views = { ...get().views }
      delete views[connectionId]
      set({ views })
    }
  }
  return actions
}
