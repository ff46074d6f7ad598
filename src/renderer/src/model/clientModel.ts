import { createStore, type StoreApi } from 'zustand/vanilla'
import {
  DELTA_STRIDE,
  DeltaField,
  DeltaFlag,
  DeltaTopicNames,
  recordFlags,
  type ChildSort,
  type ConnectionStats,
  type MessageProperties,
  type MessageRecord,
  type ModelDelta,
  type TopicSnapshot
} from '@shared/contract'

/** One level of the client-side topic tree, with totals over its subtree kept current by each delta. */
export interface ClientTreeNode {
  readonly name: string
  /** The levels from the root joined by '/' (a topic name when `topic` is set). */
  readonly path: string
  readonly parent: ClientTreeNode | null
  readonly children: Map<string, ClientTreeNode>
  /** The topic on exactly this path, when it has a value. */
  topic: TopicSnapshot | null
  /** Topics with a value at or below this node. */
  topicCount: number
  /** Messages received at or below this node. */
  messageCount: number
  /** Latest receivedAt at or below this node. */
  lastUpdate: number
  /** Children sorted by name, kept until a child is added or removed (views re-sort every frame). */
  byName: ClientTreeNode[] | null
}

/** What React subscribes to: a number that changes at most once per animation frame. */
export interface ModelVersionState {
  version: number
}

function newNode(name: string, parent: ClientTreeNode | null): ClientTreeNode {
  const path = parent === null ? '' : parent.parent === null ? name : `${parent.path}/${name}`
  return { name, path, parent, children: new Map(), topic: null, topicCount: 0, messageCount: 0, lastUpdate: 0, byName: null }
}

const scheduleFrame: (callback: () => void) => void =
  typeof requestAnimationFrame === 'function' ? (callback) => requestAnimationFrame(() => callback()) : (callback) => setTimeout(callback, 16)

function readRecord(delta: ModelDelta, index: number, previewOffset: number, properties: MessageProperties | undefined): MessageRecord {
  const base = index * DELTA_STRIDE
  const numbers = delta.numbers
  const flags = numbers[base + DeltaField.flags] ?? 0
  const previewLength = numbers[base + DeltaField.previewLength] ?? 0
  const record: MessageRecord = {
    seq: numbers[base + DeltaField.messageCount] ?? 0,
    receivedAt: numbers[base + DeltaField.receivedAt] ?? 0,
    ...recordFlags(flags),
    size: numbers[base + DeltaField.size] ?? 0,
    // A copy, so a topic that stays quiet does not keep the whole delta's buffer alive.
    payload: delta.previews.slice(previewOffset, previewOffset + previewLength),
    truncated: (flags & DeltaFlag.truncated) !== 0
  }
  if (properties) record.properties = properties
  return record
}

/**
 * The renderer's copy of one connection's model: a plain mutable tree updated outside React by deltas.
 * `version` changes once per applied delta; subscribers (React) hear about it at most once per frame.
 */
export class ClientModel {
  readonly root: ClientTreeNode = newNode('', null)
  /** Bumped by one for every applied delta. */
  version = 0
  /** `seq` of the last applied delta (0 before the first). */
  lastSeq = 0
  stats: ConnectionStats | null = null
  /** Frame-throttled view of `version` for React (zustand transient updates). */
  readonly store: StoreApi<ModelVersionState> = createStore<ModelVersionState>(() => ({ version: 0 }))
  private readonly topics = new Map<string, ClientTreeNode>()
  /** Topic names by the ids deltas tell them by. */
  private readonly names = new DeltaTopicNames()
  private frameScheduled = false

  constructor(readonly connectionId: string) {}

  /** Number of topics with a value. */
  get topicCount(): number {
    return this.topics.size
  }

  /** The latest value of a topic. */
  topic(name: string): TopicSnapshot | undefined {
    return this.topics.get(name)?.topic ?? undefined
  }

  /** The node at a path (null: the root, as in the contract); undefined when nothing lives at or below it. */
  node(path: string | null): ClientTreeNode | undefined {
    if (path === null) return this.root
    let node: ClientTreeNode | undefined = this.topics.get(path)
    if (node) return node
    node = this.root
    for (const level of path.split('/')) {
      node = node.children.get(level)
      if (!node) return undefined
    }
    return node
  }

  /** Children of a node, sorted; ties keep name order. By name ascending returns a cached array: do not change it. */
  sortedChildren(node: ClientTreeNode, sort: ChildSort, descending = false): ClientTreeNode[] {
    const byName = (a: ClientTreeNode, b: ClientTreeNode): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
    if (sort === 'name') {
      node.byName ??= [...node.children.values()].sort(byName)
      return descending ? [...node.byName].reverse() : node.byName
    }
    const direction = descending ? -1 : 1
    const key = sort === 'lastUpdate' ? (n: ClientTreeNode) => n.lastUpdate : (n: ClientTreeNode) => n.messageCount
    return [...node.children.values()].sort((a, b) => direction * (key(a) - key(b)) || byName(a, b))
  }

  /** Applies one delta: `reset`, then `removed`, then the changed topics in order. */
  apply(delta: ModelDelta): void {
    if (delta.reset) this.clear()
    for (const topic of delta.removed) this.remove(topic)
    const topics = this.names.read(delta)
    const properties = delta.properties.length > 0 ? new Map(delta.properties) : undefined
    let previewOffset = 0
    for (let i = 0; i < topics.length; i++) {
      const record = readRecord(delta, i, previewOffset, properties?.get(i))
      previewOffset += record.payload.length
      const topic = topics[i]
      // An id never named since the reset cannot come in order (the stream resyncs after gaps): skip it.
      if (topic === undefined) continue
      const flags = delta.numbers[i * DELTA_STRIDE + DeltaField.flags] ?? 0
      this.upsert(topic, record, (flags & DeltaFlag.retainedTopic) !== 0)
    }
    this.stats = delta.stats
    this.lastSeq = delta.seq
    this.version++
    this.scheduleNotify()
  }

  /** Forgets every topic (the next delta after a resync refills the model). */
  clear(): void {
    this.root.children.clear()
    this.root.byName = null
    this.root.topicCount = 0
    this.root.messageCount = 0
    this.root.lastUpdate = 0
    this.topics.clear()
  }

  private upsert(topic: string, message: MessageRecord, retained: boolean): void {
    const known = this.topics.get(topic)
    const isNew = known === undefined
    const node = known ?? this.createPath(topic)
    const previousCount = node.topic?.messageCount ?? 0
    const messageCount = message.seq
    node.topic = { topic, messageCount, retained, message }
    for (let at: ClientTreeNode | null = node; at !== null; at = at.parent) {
      at.messageCount += messageCount - previousCount
      if (isNew) at.topicCount++
      if (message.receivedAt > at.lastUpdate) at.lastUpdate = message.receivedAt
    }
  }

  private createPath(topic: string): ClientTreeNode {
    let node: ClientTreeNode = this.root
    for (const level of topic.split('/')) {
      let child = node.children.get(level)
      if (!child) {
        node.children.set(level, (child = newNode(level, node)))
        node.byName = null
      }
      node = child
    }
    this.topics.set(topic, node)
    return node
  }

  private remove(topic: string): void {
    const node = this.topics.get(topic)
    if (!node?.topic) return
    const count = node.topic.messageCount
    node.topic = null
    this.topics.delete(topic)
    for (let at: ClientTreeNode | null = node; at !== null; at = at.parent) {
      at.messageCount -= count
      at.topicCount--
    }
    // Prune levels left without topics so the tree shows only what exists.
    for (let at: ClientTreeNode = node; at.parent !== null && at.topicCount === 0; at = at.parent) {
      at.parent.children.delete(at.name)
      at.parent.byName = null
    }
  }

  private scheduleNotify(): void {
    if (this.frameScheduled) return
    this.frameScheduled = true
    scheduleFrame(() => {
      this.frameScheduled = false
      this.store.setState({ version: this.version })
    })
  }
}
