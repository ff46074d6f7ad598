import type { TopicEntry } from './topicEntry'

const EMPTY = -1

/**
 * The hot path's lookup of a topic by name: an open-addressing hash table (linear probing) over typed
 * arrays of name hashes and topic ids, with the hash computed here.
 *
 * Every topic off the wire is a fresh string whose hash V8 has not computed yet; a `Map` keyed by the
 * string hashes it natively and compares it with stored keys along its bucket chain, and even a `Map`
 * keyed by our hash walks its bucket array and entry table before reaching the entry (cache misses at
 * 100,000 topics). Here a probe reads one typed array of (hash, id) pairs, and only an entry whose hash matches is
 * fetched and compared by name, so names sharing a hash stay apart. It is the model's only index of
 * topics by name: a second, string-keyed `Map` would hash every new topic natively once more.
 */
export class TopicTable {
  /** Two numbers per slot, side by side so a probe reads one cache line: the name hash and the topic id (EMPTY when free). */
  private slots: Int32Array
  private mask: number
  /** Topics in the table. */
  size = 0
  /** Entries by topic id (undefined where an id is free); the same array for the table's whole life. */
  readonly entries: Array<TopicEntry | undefined> = []

  constructor(private readonly initialSlots = 1 << 10) {
    this.slots = emptySlots(initialSlots)
    this.mask = initialSlots - 1
  }

  /** The entry of `topic`, or undefined. */
  get(topic: string): TopicEntry | undefined {
    const hash = topicHash(topic)
    const slots = this.slots
    const mask = this.mask
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = slots[2 * slot + 1] as number
      if (id === EMPTY) return undefined
      if (slots[2 * slot] === hash) {
        const entry = this.entries[id] as TopicEntry
        if (entry.topic === topic) return entry
      }
    }
  }

  /** Adds an entry whose topic is not in the table yet. */
  add(entry: TopicEntry): void {
    // At most half full, so probes stay short and a free slot always ends them.
    if (2 * (this.size + 1) > this.mask + 1) this.resize(2 * (this.mask + 1))
    this.place(topicHash(entry.topic), entry.id)
    this.entries[entry.id] = entry
    this.size++
  }

  has(topic: string): boolean {
    return this.get(topic) !== undefined
  }

  /** Every entry, in the order of their ids. */
  *values(): IterableIterator<TopicEntry> {
    for (const entry of this.entries) if (entry !== undefined) yield entry
  }

  /** Removes an entry that is in the table. */
  delete(entry: TopicEntry): void {
    const mask = this.mask
    const slots = this.slots
    let slot = topicHash(entry.topic) & mask
    while (slots[2 * slot + 1] !== entry.id) {
      if (slots[2 * slot + 1] === EMPTY) return
      slot = (slot + 1) & mask
    }
    this.entries[entry.id] = undefined
    this.size--
    // Backward-shift deletion: move later members of the probe run into the hole, so no run is broken.
    for (let next = (slot + 1) & mask; slots[2 * next + 1] !== EMPTY; next = (next + 1) & mask) {
      const home = (slots[2 * next] as number) & mask
      // `next` may fill the hole only if its home slot is not cyclically within (slot, next].
      const homeAfterHole = slot <= next ? home > slot && home <= next : home > slot || home <= next
      if (homeAfterHole) continue
      slots[2 * slot] = slots[2 * next] as number
      slots[2 * slot + 1] = slots[2 * next + 1] as number
      slot = next
    }
    slots[2 * slot + 1] = EMPTY
  }

  clear(): void {
    this.slots = emptySlots(this.initialSlots)
    this.mask = this.initialSlots - 1
    this.size = 0
    this.entries.length = 0
  }

  private place(hash: number, id: number): void {
    const slots = this.slots
    let slot = hash & this.mask
    while (slots[2 * slot + 1] !== EMPTY) slot = (slot + 1) & this.mask
    slots[2 * slot] = hash
    slots[2 * slot + 1] = id
  }

  private resize(count: number): void {
    const old = this.slots
    this.slots = emptySlots(count)
    this.mask = count - 1
    for (let at = 0; at < old.length; at += 2) if (old[at + 1] !== EMPTY) this.place(old[at] as number, old[at + 1] as number)
  }
}

function emptySlots(count: number): Int32Array {
  const slots = new Int32Array(2 * count)
  for (let at = 1; at < slots.length; at += 2) slots[at] = EMPTY
  return slots
}

/** FNV-1a over the UTF-16 code units of `topic`, as a signed 32-bit integer. */
export function topicHash(topic: string): number {
  let hash = 0x811c9dc5 | 0
  for (let i = 0; i < topic.length; i++) hash = Math.imul(hash ^ topic.charCodeAt(i), 0x01000193)
  return hash
}
