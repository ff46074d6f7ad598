import type { MessageRecord } from '@shared/contract'
import { compileTopicFilter, topicFilterProblem } from '@shared/topics'
import type { ClientTreeNode } from '../../model'
import { utf8Decode } from '../../lib/bytes'
import type { TreeFilter } from '../../stores/treeView'

/** Whether a topic node (one with a value) matches the filter box. */
export type TopicNodeMatcher = (node: ClientTreeNode) => boolean

// Decoded preview text per record; records are replaced when a topic changes, so entries never go stale.
const payloadText = new WeakMap<MessageRecord, string>()

function textOf(record: MessageRecord): string {
  let text = payloadText.get(record)
  if (text === undefined) payloadText.set(record, (text = utf8Decode(record.payload)))
  return text
}

/** Compiles the filter box; `match` is null when the box is empty, `problem` says why the text cannot be used. */
export function compileTreeFilter(filter: TreeFilter): { match: TopicNodeMatcher | null; problem: string | null } {
  const text = filter.text.trim()
  if (text === '') return { match: null, problem: null }
  let test: (value: string) => boolean
  if (filter.mode === 'wildcard') {
    if (filter.target === 'payload') {
      return { match: null, problem: 'MQTT wildcards match topic names; search the topic, or use Text or Regex for payloads.' }
    }
    const problem = topicFilterProblem(text)
    if (problem) return { match: null, problem }
    test = compileTopicFilter(text)
  } else if (filter.mode === 'regex') {
    let pattern: RegExp
    try {
      pattern = new RegExp(text, 'i')
    } catch (error) {
      return { match: null, problem: `The regular expression does not compile (${(error as Error).message}); fix it or switch to Text.` }
    }
    test = (value) => pattern.test(value)
  } else {
    const needle = text.toLowerCase()
    test = (value) => value.toLowerCase().includes(needle)
  }
  const match: TopicNodeMatcher =
    filter.target === 'payload'
      ? (node) => node.topic !== null && test(textOf(node.topic.message))
      : (node) => node.topic !== null && test(node.path)
  return { match, problem: null }
}
