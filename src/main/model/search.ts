import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { UserFacingError, type SearchKind, type SearchStatus } from '../../shared/contract'
import type { ConnectionModel } from './connectionModel'
import type { ProfileDecoders } from '../../shared/decoders'
import { DecodedTexts } from './decodedText'
import { quotedTopic, RegexScanner } from './regexScan'
import { compileMatcher, compileRegex, forEachPayloadText, type Matcher, type PayloadScope } from './searchMatchers'
import type { TopicEntry } from './topicEntry'

/** What to look for and how long to look. */
export interface SearchQuery {
  kind: SearchKind
  query: string
  caseSensitive: boolean
  /** Only topics at or below this node (null: all). */
  path: string | null
  /** Payload searches: every kept message, not only the latest. */
  history?: boolean
  /** Payload searches: the decoded text too (Sparkplug with its births, Protobuf by rule, images, pinned decoders). */
  decoded?: boolean
  /** The connection's profile settings (pins, Protobuf schemas and rules) for `decoded`; none without a profile. */
  decoders?: ProfileDecoders
  /** Matching topics after which the search stops. */
  limit: number
  timeLimitMs: number
}

/** Matches found since the previous report, and how far the search got. */
export interface SearchProgress {
  topics: string[]
  /** Topics searched so far, of `total` at or below the path. */
  scanned: number
  total: number
}

/** Every matching topic found, and how the search ended. */
export interface SearchResult extends SearchProgress {
  status: SearchStatus
}

export type SearchProgressListener = (progress: SearchProgress) => void

/** Work done between two yields to the event loop, so MQTT traffic and cancel requests get through. */
const SLICE_MS = 8
/** Progress is reported at most this often, and at once for the first match. */
const PROGRESS_MS = 100
/** Bounds of one batch of texts sent to the regex worker. */
const BATCH_TEXTS = 8_192
const BATCH_CHARS = 4 << 20

interface RunningSearch {
  cancelled: boolean
  /** Stops a regex scan's worker at once (set while one runs). */
  stopWorker?: () => void
}

/** The matches of one search, reported as they come. */
class Found {
  readonly topics: string[] = []
  private reported = 0
  private reportedAt = performance.now()

  constructor(
    readonly total: number,
    private readonly listener: SearchProgressListener | undefined
  ) {}

  report(scanned: number): void {
    if (!this.listener) return
    const now = performance.now()
    const firstMatch = this.reported === 0 && this.topics.length > 0
    if (!firstMatch && now - this.reportedAt < PROGRESS_MS) return
    this.listener({ topics: this.topics.slice(this.reported), scanned, total: this.total })
    this.reported = this.topics.length
    this.reportedAt = now
  }

  end(status: SearchStatus, scanned: number): SearchResult {
    return { topics: this.topics, status, scanned, total: this.total }
  }
}

/**
 * Runs searches, each bounded in time and matches and cancellable by id, reporting matches as they come:
 * text, filter and payload searches in slices of the event loop, regex searches in a worker thread that is
 * terminated at the time limit (see RegexScanner).
 */
export class SearchRunner {
  private readonly running = new Map<string, RunningSearch>()
  private readonly regexes = new RegexScanner()

  /** Searches the topics of `model` (at or below `query.path`); `onProgress` hears of matches before the end. */
  async run(model: ConnectionModel, searchId: string, query: SearchQuery, onProgress?: SearchProgressListener): Promise<SearchResult> {
    if (this.running.has(searchId)) throw new UserFacingError('already-exists', `A search with id "${searchId}" is already running; use a new id.`)
    const scope: PayloadScope = { history: query.history ?? false, decoded: query.decoded ? new DecodedTexts(model, query.decoders) : undefined }
    const regex = query.kind === 'regex' || query.kind === 'payloadRegex' ? compileRegex(query.query, query.caseSensitive) : undefined
    const matches = query.kind === 'regex' || query.kind === 'payloadRegex' ? undefined : compileMatcher(model, query.kind, query.query, query.caseSensitive, scope)
    const node = model.tree.find(query.path)
    const candidates: TopicEntry[] = []
    if (node) model.tree.forEachEntry(node, (entry) => candidates.push(entry))
    const state: RunningSearch = { cancelled: false }
    this.running.set(searchId, state)
    const found = new Found(candidates.length, onProgress)
    const deadline = performance.now() + query.timeLimitMs
    try {
      if (regex) return await this.scanWithRegex(model, candidates, regex, query.kind === 'payloadRegex' ? scope : undefined, query.limit, deadline, state, found)
      return await this.scanInSlices(model, candidates, matches as Matcher, query.limit, deadline, state, found)
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

  private async scanInSlices(model: ConnectionModel, candidates: TopicEntry[], matches: Matcher, limit: number, deadline: number, state: RunningSearch, found: Found): Promise<SearchResult> {
    let scanned = 0
    while (scanned < candidates.length) {
      const sliceEnd = Math.min(performance.now() + SLICE_MS, deadline)
      for (; scanned < candidates.length; scanned++) {
        if ((scanned & 15) === 0 && performance.now() >= sliceEnd) break
        const entry = candidates[scanned] as TopicEntry
        // Skip topics removed while the search waited for its next slice.
        if (model.topics.get(entry.topic) !== entry || !matches(entry)) continue
        found.topics.push(entry.topic)
        if (found.topics.length >= limit) return found.end('limit', scanned + 1)
        // The first match goes out at once: the tree shows it while the rest of the search runs.
        if (found.topics.length === 1) found.report(scanned + 1)
      }
      if (scanned >= candidates.length) break
      if (performance.now() >= deadline) return found.end('timeout', scanned)
      found.report(scanned)
      await yieldToEventLoop()
      if (state.cancelled) return found.end('cancelled', scanned)
    }
    return found.end('complete', scanned)
  }

  /** Sends topic names (or payload texts, with `payloads`) to the worker in batches; a topic matches when one of its texts does. */
  private async scanWithRegex(
    model: ConnectionModel,
    candidates: TopicEntry[],
    regex: RegExp,
    payloads: PayloadScope | undefined,
    limit: number,
    deadline: number,
    state: RunningSearch,
    found: Found
  ): Promise<SearchResult> {
    let next = 0
    while (next < candidates.length) {
      if (state.cancelled) return found.end('cancelled', next)
      if (performance.now() >= deadline) return found.end('timeout', next)
      const texts: string[] = []
      const owners: number[] = []
      let chars = 0
      for (; next < candidates.length && texts.length < BATCH_TEXTS && chars < BATCH_CHARS; next++) {
        const entry = candidates[next] as TopicEntry
        if (model.topics.get(entry.topic) !== entry) continue
        const add = (text: string): void => {
          texts.push(text)
          owners.push(next)
          chars += text.length
        }
        if (payloads) forEachPayloadText(model, entry, payloads, add)
        else add(entry.topic)
      }
      const subject = (index: number): string => {
        const topic = quotedTopic((candidates[owners[index] as number] as TopicEntry).topic)
        return payloads ? `a payload of the topic ${topic}` : `the topic ${topic}`
      }
      const scan = this.regexes.scan({ source: regex.source, flags: regex.flags, texts, subject, limit: Number.MAX_SAFE_INTEGER, deadline })
      state.stopWorker = scan.cancel
      const { matches, scanned, status } = await scan.result
      state.stopWorker = undefined
      let previous = -1
      for (const index of matches) {
        const owner = owners[index] as number
        const entry = candidates[owner] as TopicEntry
        // A topic's texts are side by side: count it once. Topics removed while the worker ran are left out.
        if (owner === previous || model.topics.get(entry.topic) !== entry) continue
        previous = owner
        found.topics.push(entry.topic)
        if (found.topics.length >= limit) return found.end('limit', owner + 1)
      }
      if (status !== 'complete') return found.end(status, scanned < owners.length ? (owners[scanned] as number) : next)
      found.report(next)
    }
    return found.end('complete', candidates.length)
  }
}
