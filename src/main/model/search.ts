import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { compileTopicFilter, topicFilterProblem } from '../../shared/topics'
import { UserFacingError, type SearchKind, type SearchStatus } from '../../shared/contract'
import type { ConnectionModel } from './connectionModel'
import type { MessageLog } from './messageLog'
import { RegexScanner } from './regexScan'
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

/** Compiles a regex query as JavaScript would; throws a sentence when it is invalid. */
export function compileRegex(query: string, caseSensitive: boolean): RegExp {
  try {
    return new RegExp(query, caseSensitive ? 'u' : 'iu')
  } catch (error) {
    throw new UserFacingError('invalid-argument', `The regular expression is not valid (${(error as Error).message}); check its brackets and escapes.`)
  }
}

/** Turns a text, filter or payload query into a test on one topic; throws a sentence when the filter is invalid. */
export function compileMatcher(log: MessageLog, kind: Exclude<SearchKind, 'regex'>, query: string, caseSensitive: boolean): Matcher {
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

interface RunningSearch {
  cancelled: boolean
  /** Stops a regex scan's worker at once (set while one runs). */
  stopWorker?: () => void
}

/**
 * Runs searches, each bounded in time and cancellable by id: text, filter and payload searches in slices of the
 * event loop, regex searches in a worker thread that is terminated at the time limit (see RegexScanner).
 */
export class SearchRunner {
  private readonly running = new Map<string, RunningSearch>()
  private readonly regexes = new RegexScanner()

  /** Searches the topics of `model` (at or below `query.path`) for the latest values matching. */
  async run(model: ConnectionModel, searchId: string, query: SearchQuery): Promise<SearchResult> {
    if (this.running.has(searchId)) throw new UserFacingError('already-exists', `A search with id "${searchId}" is already running; use a new id.`)
    const regex = query.kind === 'regex' ? compileRegex(query.query, query.caseSensitive) : undefined
    const matches = query.kind === 'regex' ? undefined : compileMatcher(model.log, query.kind, query.query, query.caseSensitive)
    const node = model.tree.find(query.path)
    const candidates: TopicEntry[] = []
    if (node) model.tree.forEachEntry(node, (entry) => candidates.push(entry))
    const state: RunningSearch = { cancelled: false }
    this.running.set(searchId, state)
    const deadline = performance.now() + query.timeLimitMs
    try {
      if (regex) return await this.scanWithRegex(model, candidates, regex, query.limit, deadline, state)
      return await this.scanInSlices(model, candidates, matches as Matcher, query.limit, deadline, state)
    } finally {
      this.running.delete(searchId)
    }
  }

  /** Asks a running search to stop; it replies with what it found. False when no such search runs. */
  cancel(searchId: string): boolean {
    const state = this.running.get(searchId)
    if (!state) return false
    state.cancelled = true
    state.stopWorker?.()
    return true
  }

  private async scanInSlices(model: ConnectionModel, candidates: TopicEntry[], matches: Matcher, limit: number, deadline: number, state: RunningSearch): Promise<SearchResult> {
    const topics: string[] = []
    let scanned = 0
    while (scanned < candidates.length) {
      const sliceEnd = Math.min(performance.now() + SLICE_MS, deadline)
      for (; scanned < candidates.length; scanned++) {
        if ((scanned & 15) === 0 && performance.now() >= sliceEnd) break
        const entry = candidates[scanned] as TopicEntry
        // Skip topics removed while the search waited for its next slice.
        if (model.topics.get(entry.topic) !== entry || !matches(entry)) continue
        topics.push(entry.topic)
        if (topics.length >= limit) return { topics, status: 'limit', scanned: scanned + 1 }
      }
      if (scanned >= candidates.length) break
      if (performance.now() >= deadline) return { topics, status: 'timeout', scanned }
      await yieldToEventLoop()
      if (state.cancelled) return { topics, status: 'cancelled', scanned }
    }
    return { topics, status: 'complete', scanned }
  }

  private async scanWithRegex(model: ConnectionModel, candidates: TopicEntry[], regex: RegExp, limit: number, deadline: number, state: RunningSearch): Promise<SearchResult> {
    const scan = this.regexes.scan({ source: regex.source, flags: regex.flags, topics: candidates.map((entry) => entry.topic), limit, deadline })
    state.stopWorker = scan.cancel
    const { matches, scanned, status } = await scan.result
    // Topics removed while the worker ran are left out.
    const topics = matches.map((index) => candidates[index] as TopicEntry).filter((entry) => model.topics.get(entry.topic) === entry)
    return { topics: topics.map((entry) => entry.topic), status, scanned }
  }
}
