import type { SearchKind } from '@shared/contract'
import { searchRegexProblem } from '@shared/search/regex'
import { topicFilterProblem, topicTextMatcher } from '@shared/topics'
import type { ClientTreeNode } from '../../model'
import type { TreeFilter } from '../../stores/treeView'
import type { TreeSearchRequest } from '../../stores/treeSearch'

/** Whether a topic node (one with a value) matches the filter box. */
export type TopicNodeMatcher = (node: ClientTreeNode) => boolean

/** Matching topics after which main's search stops (the user is told to narrow it). */
export const SEARCH_MATCH_LIMIT = 10_000
/** How long main's search may run. */
export const SEARCH_TIME_LIMIT_MS = 10_000

/**
 * What the filter box asks for: `local` tests topic names on the visible tree at once (the same test main's
 * topic search uses); `search` is a query for main, which holds every payload and the history. Both are null
 * when the box is empty; `problem` says why the text cannot be used.
 */
export interface CompiledTreeFilter {
  local: TopicNodeMatcher | null
  search: TreeSearchRequest | null
  problem: string | null
}

const NOTHING: CompiledTreeFilter = { local: null, search: null, problem: null }

function searchKind(filter: TreeFilter): SearchKind {
  if (filter.target === 'payload') return filter.mode === 'regex' ? 'payloadRegex' : 'payload'
  return filter.mode === 'regex' ? 'regex' : 'filter'
}

/** Compiles the filter box into a local topic-name test or a search for main. */
export function compileTreeFilter(filter: TreeFilter): CompiledTreeFilter {
  const text = filter.text.trim()
  if (text === '') return NOTHING
  if (filter.mode === 'text' && filter.target === 'topic') {
    const matches = topicTextMatcher(text, false)
    return { local: (node) => node.topic !== null && matches(node.path), search: null, problem: null }
  }
  if (filter.mode === 'wildcard' && filter.target === 'payload') {
    return { ...NOTHING, problem: 'MQTT wildcards match topic names; search the topic, or use Text or Regex for payloads.' }
  }
  const problem = filter.mode === 'wildcard' ? topicFilterProblem(text) : filter.mode === 'regex' ? searchRegexProblem(text, false) : null
  if (problem) return { ...NOTHING, problem }
  const payload = filter.target === 'payload'
  const search: TreeSearchRequest = {
    kind: searchKind(filter),
    query: text,
    caseSensitive: false,
    history: payload && filter.history,
    decoded: payload && filter.decoded,
    limit: SEARCH_MATCH_LIMIT,
    timeLimitMs: SEARCH_TIME_LIMIT_MS
  }
  return { local: null, search, problem: null }
}
