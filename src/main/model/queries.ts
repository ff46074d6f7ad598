import { UserFacingError, type ChildSort, type MessageRecord, type TopicSnapshot, type TreeNodeSummary } from '../../shared/contract'
import type { ConnectionModel } from './connectionModel'
import { NONE } from './messageLog'
import { loggedRecord, snapshot } from './records'
import type { TopicEntry } from './topicEntry'
import type { TreeNode } from './topicTree'

/** Paging of a query: skip `offset`, return at most `limit`. */
export interface Page {
  offset: number
  limit: number
}

function nodeOrThrow(model: ConnectionModel, path: string | null): TreeNode<TopicEntry> {
  const node = model.tree.find(path)
  if (!node) throw new UserFacingError('not-found', `No topic exists at or below "${path}" any more; it may have been cleared.`)
  return node
}

function entryOrThrow(model: ConnectionModel, topic: string): TopicEntry {
  const entry = model.topics.get(topic)
  if (!entry) throw new UserFacingError('not-found', `The topic "${topic}" has no messages (it may have been cleared).`)
  return entry
}

/** Children of a node with subtree totals, sorted and paged; totals are summed now (the hot path keeps none). */
export function children(model: ConnectionModel, path: string | null, sort: ChildSort, descending: boolean, page: Page, previewBytes: number): { total: number; nodes: TreeNodeSummary[] } {
  const parent = nodeOrThrow(model, path)
  const rows = [...(parent.children?.values() ?? [])].map((node) => ({ node, ...totals(model, node) }))
  const direction = descending ? -1 : 1
  type Row = (typeof rows)[number]
  const byName = (a: Row, b: Row): number => (a.node.name < b.node.name ? -1 : a.node.name > b.node.name ? 1 : 0)
  const byKey = sort === 'name' ? () => 0 : (a: Row, b: Row) => a[sort] - b[sort]
  rows.sort((a, b) => direction * (byKey(a, b) || byName(a, b)))
  const nodes = rows.slice(page.offset, page.offset + page.limit).map(({ node, messageCount, lastUpdate }) => {
    const summary: TreeNodeSummary = {
      name: node.name,
      path: node.path,
      hasValue: node.entry !== undefined,
      childCount: node.children?.size ?? 0,
      topicCount: node.topicCount,
      messageCount,
      lastUpdate
    }
    if (node.entry) summary.latest = snapshot(model, node.entry, previewBytes)
    return summary
  })
  return { total: rows.length, nodes }
}

function totals(model: ConnectionModel, node: TreeNode<TopicEntry>): { messageCount: number; lastUpdate: number } {
  let messageCount = 0
  let lastUpdate = 0
  model.tree.forEachEntry(node, (entry) => {
    messageCount += entry.count
    const at = model.log.receivedAtOf(entry.newest)
    if (at > lastUpdate) lastUpdate = at
  })
  return { messageCount, lastUpdate }
}

/** A topic's messages, newest first, starting below `beforeSeq`; previews of `previewBytes`. */
export function history(model: ConnectionModel, topic: string, beforeSeq: number | undefined, limit: number, previewBytes: number): { messages: MessageRecord[]; messageCount: number; oldestSeq: number } {
  const entry = entryOrThrow(model, topic)
  const before = beforeSeq ?? Number.POSITIVE_INFINITY
  const messages: MessageRecord[] = []
  for (let seq = entry.newest; seq !== NONE && messages.length < limit; seq = model.log.olderThan(seq)) {
    const logged = model.log.read(seq)
    if (logged && logged.topicSeq < before) messages.push(loggedRecord(model, seq, logged, previewBytes))
  }
  const oldest = model.log.read(entry.oldest)
  return { messages, messageCount: entry.count, oldestSeq: oldest?.topicSeq ?? entry.count }
}

/** One message of a topic with its whole payload. */
export function message(model: ConnectionModel, topic: string, seq: number): MessageRecord {
  const entry = entryOrThrow(model, topic)
  for (let at = entry.newest; at !== NONE; at = model.log.olderThan(at)) {
    const logged = model.log.read(at)
    if (logged?.topicSeq === seq) return loggedRecord(model, at, logged, Number.POSITIVE_INFINITY)
    if (!logged || logged.topicSeq < seq) break
  }
  throw new UserFacingError('not-found', `Message ${seq} of "${topic}" is no longer kept (older history is dropped by the history limit or the memory budget).`)
}

/** Latest values of every topic at or below a node, sorted by topic name, paged. */
export function latest(model: ConnectionModel, path: string | null, page: Page, previewBytes: number): { total: number; topics: TopicSnapshot[] } {
  const entries: TopicEntry[] = []
  model.tree.forEachEntry(nodeOrThrow(model, path), (entry) => entries.push(entry))
  entries.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0))
  return { total: entries.length, topics: entries.slice(page.offset, page.offset + page.limit).map((entry) => snapshot(model, entry, previewBytes)) }
}
