import { compileTopicFilter, topicFilterProblem, topicTextMatcher } from '../../shared/topics'
import { UserFacingError } from '../../shared/contract'
import { searchRegexFlags, searchRegexProblem } from '../../shared/search/regex'
import type { ConnectionModel } from './connectionModel'
import type { DecodedTexts } from './decodedText'
import { NONE } from './messageLog'
import type { TopicEntry } from './topicEntry'

/** A test on one topic (its name, or the messages it holds). */
export type Matcher = (entry: TopicEntry) => boolean

/** Which stored messages a payload search reads, and whether it reads their decoded form too. */
export interface PayloadScope {
  /** Every kept message of a topic, not only the latest. */
  history: boolean
  /** Set when the decoded text is searched besides the raw bytes. */
  decoded: DecodedTexts | undefined
}

/** Compiles a regex query as JavaScript would; throws a sentence when it is invalid. */
export function compileRegex(query: string, caseSensitive: boolean): RegExp {
  const problem = searchRegexProblem(query, caseSensitive)
  if (problem) throw new UserFacingError('invalid-argument', problem)
  return new RegExp(query, searchRegexFlags(caseSensitive))
}

/** Whether `test` accepts the latest message of `entry`, or with `history` any kept one (newest first). */
function someMessage(model: ConnectionModel, entry: TopicEntry, history: boolean, test: (seq: number) => boolean): boolean {
  for (let seq = entry.newest; seq !== NONE; seq = history ? model.log.olderThan(seq) : NONE) if (test(seq)) return true
  return false
}

/** Calls `visit` with each text a regex payload search tests for `entry`: whole payloads as UTF-8, and decoded forms. */
export function forEachPayloadText(model: ConnectionModel, entry: TopicEntry, scope: PayloadScope, visit: (text: string) => void): void {
  someMessage(model, entry, scope.history, (seq) => {
    visit(Buffer.from(model.log.payload(seq, Number.POSITIVE_INFINITY)).toString('utf8'))
    const decoded = scope.decoded?.textOf(entry.topic, seq)
    if (decoded !== undefined) visit(decoded)
    return false
  })
}

/** Turns a text, filter or payload-text query into a test on one topic; throws a sentence when the filter is invalid. */
export function compileMatcher(model: ConnectionModel, kind: 'topic' | 'filter' | 'payload', query: string, caseSensitive: boolean, scope: PayloadScope): Matcher {
  switch (kind) {
    case 'topic': {
      const matches = topicTextMatcher(query, caseSensitive)
      return (entry) => matches(entry.topic)
    }
    case 'filter': {
      const problem = topicFilterProblem(query)
      if (problem) throw new UserFacingError('invalid-argument', problem)
      const matches = compileTopicFilter(query)
      return (entry) => matches(entry.topic)
    }
    case 'payload': {
      const raw = rawPayloadTest(model, query, caseSensitive)
      const lower = query.toLowerCase()
      const inText = caseSensitive ? (text: string) => text.includes(query) : (text: string) => text.toLowerCase().includes(lower)
      const { decoded } = scope
      return (entry) =>
        someMessage(model, entry, scope.history, (seq) => {
          if (raw(seq)) return true
          const text = decoded?.textOf(entry.topic, seq)
          return text !== undefined && inText(text)
        })
    }
  }
}

/** A test on the whole stored payload at a log position, for text. */
function rawPayloadTest(model: ConnectionModel, query: string, caseSensitive: boolean): (seq: number) => boolean {
  // Payloads are copied into one scratch buffer (no allocation per message) and searched there.
  let scratch = Buffer.allocUnsafe(4096)
  const payload = (seq: number): Buffer => {
    const size = model.log.sizeOf(seq)
    if (size > scratch.length) scratch = Buffer.allocUnsafe(size)
    return scratch.subarray(0, model.log.copyPayload(seq, size, scratch, 0))
  }
  if (caseSensitive) {
    const needle = Buffer.from(query, 'utf8')
    // Bytes are compared as they are: no decoding, so binary payloads are searched too.
    return (seq) => payload(seq).includes(needle)
  }
  const lower = query.toLowerCase()
  return (seq) => payload(seq).toString('utf8').toLowerCase().includes(lower)
}
