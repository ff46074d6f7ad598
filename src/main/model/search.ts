import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { compileTopicFilter, topicFilterProblem } from '../../shared/topics'
import { UserFacingError, type SearchKind, type SearchStatus } from '../../shared/contract'
import type { ConnectionModel } from './connectionModel'
import type { MessageLog } from './messageLog'
import type { TopicEntry } from './topicEntry'

/** What to look for and how long to look. */
export interface SearchQuery {
  kind: SearchKind
  query: string
  caseSensitive: boolean
  /** Only topics at or below this node (null: all). */
  path: string | null
  limit: number
  timeLimitMs: number
}

export interface SearchResult {
  topics: string[]
  status: SearchStatus
  scanned: number
}

/** Work done between two yields to the event loop, so MQTT traffic and cancel requests get through. */
const SLICE_MS = 8

type Matcher = (entry: TopicEntry) => boolean

/** Turns a query into a test on one topic; throws a sentence when the filter or regex is invalid. */
export function compileMatcher(log: MessageLog, kind: SearchKind, query: string, caseSensitive: boolean): Matcher {
  switch (kind) {
    case 'topic': {
      if (caseSensitive) return (entry) => entry.topic.includes(query)
      const lower = query.toLowerCase()
      return (entry) => entry.topic.toLowerCase().includes(lower)
    }
    case 'filter': {
      const problem = topicFilterProblem(query)
      if (problem) throw new UserFacingError('invalid-argument', problem)
      const matches = compileTopicFilter(query)
      return (entry) => matches(entry.topic)
    }
    case 'regex': {
      let pattern: RegExp
      try {
        pattern = new RegExp(query, caseSensitive ? 'u' : 'iu')
      } catch (error) {
        throw new UserFacingError('invalid-argument', `The regular expression is not valid (${(error as Error).message}); check its brackets and escapes.`)
      }
      return (entry) => pattern.test(entry.topic)
    }
    case 'payload': {
      // Latest payloads are copied into one scratch buffer (no allocation per topic) and searched there.
      let scratch = Buffer.allocUnsafe(4096)
      const latestPayload = (entry: TopicEntry): Buffer => {
        const size = log.sizeOf(entry.newest)
        if (size > scratch.length) scratch = Buffer.allocUnsafe(size)
        return scratch.subarray(0, log.copyPayload(entry.newest, size, scratch, 0))
      }
      if (caseSensitive) {
        const needle = Buffer.from(query, 'utf8')
        // Bytes are compared as they are: no decoding, so binary payloads are searched too.
        return (entry) => latestPayload(entry).includes(needle)
      }
      const lower = query.toLowerCase()
      return (entry) => latestPayload(entry).toString('utf8').toLowerCase().includes(lower)
    }
  }
}

/** Runs searches in slices of the event loop, each bounded in time and cancellable by id. */
export class SearchRunner {
  private readonly running = new Map<string, { cancelled: boolean }>()

  /** Searches the topics of `model` (at or below `query.path`) for the latest values matching. */
  async run(model: ConnectionModel, searchId: string, query: SearchQuery): Promise<SearchResult> {
    if (this.running.has(searchId)) throw new UserFacingError('already-exists', `A search with id "${searchId}" is already running; use a new id.`)
    const matches = compileMatcher(model.log, query.kind, query.query, query.caseSensitive)
    const node = model.tree.find(query.path)
    const candidates: TopicEntry[] = []
    if (node) model.tree.forEachEntry(node, (entry) => candidates.push(entry))
    const state = { cancelled: false }
    this.running.set(searchId, state)
    const deadline = performance.now() + query.timeLimitMs
    const topics: string[] = []
    let scanned = 0
    try {
      while (scanned < candidates.length) {
        const sliceEnd = Math.min(performance.now() + SLICE_MS, deadline)
        for (; scanned < candidates.length; scanned++) {
          if ((scanned & 15) === 0 && performance.now() >= sliceEnd) break
          const entry = candidates[scanned] as TopicEntry
          // Skip topics removed while the search waited for its next slice.
          if (model.topics.get(entry.topic) !== entry || !matches(entry)) continue
          topics.push(entry.topic)
          if (topics.length >= query.limit) return { topics, status: 'limit', scanned: scanned + 1 }
        }
        if (scanned >= candidates.length) break
        if (performance.now() >= deadline) return { topics, status: 'timeout', scanned }
        await yieldToEventLoop()
        if (state.cancelled) return { topics, status: 'cancelled', scanned }
      }
      return { topics, status: 'complete', scanned }
    } finally {
      this.running.delete(searchId)
    }
  }

  /** Asks a running search to stop; it replies with what it found. False when no such search runs. */
  cancel(searchId: string): boolean {
    const state = this.running.get(searchId)
    if (!state) return false
    state.cancelled = true
    return true
  }
}
