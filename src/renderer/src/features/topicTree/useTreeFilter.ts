import { useEffect, useMemo } from 'react'
import { treeSearchSelectors, useTreeSearchStore, type TreeSearch } from '../../stores/treeSearch'
import type { TreeFilter } from '../../stores/treeView'
import { compileTreeFilter, type CompiledTreeFilter, type TopicNodeMatcher } from './treeFilter'

/** Typing pauses this long before main is asked to search. */
export const SEARCH_DEBOUNCE_MS = 250

/** The filter box's test on tree nodes, and the search in main behind it (undefined until one starts). */
export interface TreeFilterState {
  compiled: CompiledTreeFilter
  /** The tree shows only topics this accepts (and their ancestors); null shows everything. */
  match: TopicNodeMatcher | null
  search: TreeSearch | undefined
  /** Main is (or is about to be) searching for the filter. */
  searching: boolean
}

const NONE_YET: TopicNodeMatcher = () => false

/**
 * Drives main's search from the filter box: each change cancels the running search, and a query that needs
 * main (payloads, regex, MQTT filters) starts after a short pause in typing; matches show as they arrive.
 */
export function useTreeFilter(connectionId: string, filter: TreeFilter): TreeFilterState {
  const compiled = useMemo(() => compileTreeFilter(filter), [filter])
  const search = useTreeSearchStore(treeSearchSelectors.search(connectionId))
  const request = compiled.search
  useEffect(() => {
    const { start, stop } = useTreeSearchStore.getState()
    stop(connectionId)
    if (!request) return
    const timer = setTimeout(() => void start(connectionId, request), SEARCH_DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      stop(connectionId)
    }
  }, [connectionId, request])
  const topics = search?.topics
  const match = useMemo((): TopicNodeMatcher | null => {
    if (compiled.local || !request) return compiled.local
    return topics ? (node) => topics.has(node.path) : NONE_YET
  }, [compiled.local, request, topics])
  return { compiled, match, search, searching: request !== null && (search === undefined || search.status === null) }
}
