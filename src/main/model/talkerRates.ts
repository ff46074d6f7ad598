import type { TalkerWindow, TopTalker, TopTalkers, TalkerOrder } from '../../shared/contract'
import type { ConnectionModel } from './connectionModel'
import type { TopicEntry } from './topicEntry'
import type { TreeNode } from './topicTree'

/** Time constant of each window's rate, in ms: an exponential average over about that long. */
const WINDOW_MS: Record<TalkerWindow, number> = { '10s': 10_000, '1m': 60_000 }
/** Rates are kept while someone asked for them within this long; then their memory is given back. */
const WATCH_MS = 30_000
/** Below this many messages per second a topic is not a talker (it stopped long ago). */
const QUIET_RATE = 0.01

/**
 * Message and byte rates per topic over the last 10 s and the last minute, for the Broker tab's top talkers.
 * Kept only while asked for: then the coalescer notes each changed topic once per frame (never per message) and
 * the rates are exponential averages, so the cost is a few typed-array slots per topic and O(changed topics) per
 * frame. A query sums the active topics into their subtrees through the tree index, without building paths.
 */
export class TalkerRates {
  private watchedUntil = 0
  private since = 0
  private lastCount = new Float64Array(0)
  private lastBytes = new Float64Array(0)
  /** When a topic's rates were last brought up to date (0: never since watching began). */
  private lastAt = new Float64Array(0)
  /** Per window: messages/s then bytes/s, as of `lastAt`. */
  private readonly rates: Record<TalkerWindow, [Float64Array, Float64Array]> = {
    '10s': [new Float64Array(0), new Float64Array(0)],
    '1m': [new Float64Array(0), new Float64Array(0)]
  }

  constructor(private readonly model: ConnectionModel) {}

  /** A topic changed since the last frame: its new messages and bytes go into its rates. */
  note(entry: TopicEntry, now: number): void {
    if (now >= this.watchedUntil) return
    const id = entry.id
    if (id >= this.lastAt.length) this.grow(id)
    const elapsed = this.lastAt[id] === 0 ? Infinity : now - (this.lastAt[id] as number)
    const messages = entry.count - (this.lastCount[id] as number)
    const bytes = entry.bytes - (this.lastBytes[id] as number)
    for (const window of Object.keys(WINDOW_MS) as TalkerWindow[]) {
      const tau = WINDOW_MS[window]
      const decay = Math.exp(-elapsed / tau)
      const [messageRates, byteRates] = this.rates[window]
      messageRates[id] = (messageRates[id] as number) * decay + (messages * 1000) / tau
      byteRates[id] = (byteRates[id] as number) * decay + (bytes * 1000) / tau
    }
    this.lastCount[id] = entry.count
    this.lastBytes[id] = entry.bytes
    this.lastAt[id] = now
  }

  /** A topic was removed: its id may come back for another topic, which starts from nothing. */
  forget(entry: TopicEntry): void {
    const id = entry.id
    if (id >= this.lastAt.length) return
    this.lastCount[id] = this.lastBytes[id] = this.lastAt[id] = 0
    for (const [messageRates, byteRates] of Object.values(this.rates)) messageRates[id] = byteRates[id] = 0
  }

  /** Gives the memory back once nobody asked for a while. */
  expire(now: number): void {
    if (this.watchedUntil === 0 || now < this.watchedUntil) return
    this.watchedUntil = 0
    this.resize(0)
  }

  /** The busiest topics and subtrees; starts measuring when nobody asked lately (the first answers are then empty). */
  top(window: TalkerWindow, order: TalkerOrder, limit: number, now: number): TopTalkers {
    if (now >= this.watchedUntil) this.startWatching(now)
    this.watchedUntil = now + WATCH_MS
    const tau = WINDOW_MS[window]
    // Before measuring began nothing was counted: scale up by how much of the average has filled since.
    const filled = 1 - Math.exp(-(now - this.since) / tau)
    if (filled === 0) return { measuredMs: 0, topics: [], subtrees: [] }
    const [messageRates, byteRates] = this.rates[window]
    const entries = this.model.topics.entries
    const topics: Array<{ entry: TopicEntry; messages: number; bytes: number }> = []
    const subtrees = new Map<TreeNode<TopicEntry>, { messages: number; bytes: number }>()
    const tree = this.model.tree
    for (let id = 0; id < this.lastAt.length; id++) {
      const entry = entries[id]
      const at = this.lastAt[id] as number
      if (!entry || at === 0) continue
      const scale = Math.exp(-(now - at) / tau) / filled
      const messages = (messageRates[id] as number) * scale
      if (messages < QUIET_RATE) continue
      const bytes = (byteRates[id] as number) * scale
      topics.push({ entry, messages, bytes })
      // Every level above the topic, up to (not including) the root.
      for (let node = entry.node?.parent; node && node !== tree.root; node = node.parent) {
        const sum = subtrees.get(node)
        if (sum) {
          sum.messages += messages
          sum.bytes += bytes
        } else {
          subtrees.set(node, { messages, bytes })
        }
      }
    }
    const key = order === 'messages' ? 'messages' : 'bytes'
    const talker = (path: string, rate: { messages: number; bytes: number }, topicCount: number): TopTalker => ({
      path,
      messagesPerSecond: rate.messages,
      bytesPerSecond: rate.bytes,
      topicCount
    })
    return {
      measuredMs: now - this.since,
      topics: topics
        .sort((a, b) => b[key] - a[key])
        .slice(0, limit)
        .map((t) => talker(t.entry.topic, t, 1)),
      subtrees: [...subtrees]
        .sort((a, b) => b[1][key] - a[1][key])
        .slice(0, limit)
        .map(([node, rate]) => talker(node.path, rate, node.topicCount))
    }
  }

  private startWatching(now: number): void {
    this.since = now
    this.resize(this.model.topics.entries.length)
    // What came before counts for nothing: rates start from the counts as they are now.
    for (const entry of this.model.topics.values()) {
      this.lastCount[entry.id] = entry.count
      this.lastBytes[entry.id] = entry.bytes
      this.lastAt[entry.id] = now
    }
  }

  private grow(id: number): void {
    let length = Math.max(1024, this.lastAt.length)
    while (length <= id) length *= 2
    this.resize(length)
  }

  private resize(length: number): void {
    const resized = (array: Float64Array): Float64Array<ArrayBuffer> => {
      const next = new Float64Array(length)
      next.set(array.subarray(0, Math.min(length, array.length)))
      return next
    }
    this.lastCount = resized(this.lastCount)
    this.lastBytes = resized(this.lastBytes)
    this.lastAt = resized(this.lastAt)
    for (const window of Object.keys(this.rates) as TalkerWindow[]) {
      const [messageRates, byteRates] = this.rates[window]
      this.rates[window] = [resized(messageRates), resized(byteRates)]
    }
  }
}
