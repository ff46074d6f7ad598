import { errorMessage } from '../../lib/errorMessage'
import { modelService, onSearchProgress } from '../../services/model'
import type { TreeSearch, TreeSearchRequest, TreeSearchState } from './initialState'

type Set = (partial: Partial<TreeSearchState>) => void
type Get = () => TreeSearchState

/** Starting and stopping the search behind a tree's filter box. */
export interface TreeSearchActions {
  /** Cancels the connection's running search, if any, and starts this one; matches stream into the state. */
  start(connectionId: string, request: TreeSearchRequest): Promise<void>
  /** Cancels the connection's running search and forgets its matches. */
  stop(connectionId: string): void
}

let lastSearch = 0

export function createTreeSearchActions(set: Set, get: Get): TreeSearchActions {
  const current = (connectionId: string, searchId: string): TreeSearch | undefined => {
    const search = get().searches[connectionId]
    return search?.searchId === searchId ? search : undefined
  }
  const patch = (connectionId: string, searchId: string, change: (search: TreeSearch) => Partial<TreeSearch>): void => {
    const search = current(connectionId, searchId)
    if (search) set({ searches: { ...get().searches, [connectionId]: { ...search, ...change(search) } } })
  }
  const actions: TreeSearchActions = {
    async start(connectionId, request) {
      actions.stop(connectionId)
      const searchId = `${connectionId}:search-${++lastSearch}`
      const search: TreeSearch = { searchId, request, topics: new Set(), status: null, scanned: 0, total: 0, problem: null }
      set({ searches: { ...get().searches, [connectionId]: search } })
      const stopListening = onSearchProgress(searchId, (progress) =>
        patch(connectionId, searchId, (s) => ({ topics: new Set([...s.topics, ...progress.topics]), scanned: progress.scanned, total: progress.total }))
      )
      try {
        const outcome = await modelService.search({ connectionId, searchId, ...request })
        patch(connectionId, searchId, () => ({ topics: new Set(outcome.topics), status: outcome.status, scanned: outcome.scanned, total: outcome.total }))
      } catch (error) {
        patch(connectionId, searchId, () => ({ status: 'cancelled', problem: errorMessage(error) }))
      } finally {
        stopListening()
      }
    },
    stop(connectionId) {
      const search = get().searches[connectionId]
      if (!search) return
      if (search.status === null) void modelService.cancelSearch({ searchId: search.searchId }).catch(() => undefined)
      const searches = { ...get().searches }
      delete searches[connectionId]
      set({ searches })
    }
  }
  return actions
}
