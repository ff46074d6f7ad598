import type { ArgsOf, SearchStatus } from '@shared/contract'

/** What the filter box asks main to search for (the connection and the search id are added when it starts). */
export type TreeSearchRequest = Omit<ArgsOf<'model:search'>, 'connectionId' | 'searchId'>

/** The search main runs for one tree's filter box, and what it found so far. */
export interface TreeSearch {
  searchId: string
  request: TreeSearchRequest
  /** Matching topics so far; a new set each time matches arrive, so views see the change. */
  topics: ReadonlySet<string>
  /** How the search ended; null while it runs. */
  status: SearchStatus | null
  scanned: number
  total: number
  /** Why the search could not run (an invalid pattern, a regex that got stuck), as main put it. */
  problem: string | null
}

/** The running or last search per connection id. */
export interface TreeSearchState {
  searches: Record<string, TreeSearch>
}

export const initialTreeSearchState: TreeSearchState = { searches: {} }
