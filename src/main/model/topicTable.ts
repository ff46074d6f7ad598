import type { TopicEntry } from './topicEntry'

const EMPTY = -1

/**
 * The hot path's lookup of a topic by name: an open-addressing hash table (linear probing) over typed
 * arrays of name hashes and topic ids, with the hash computed here.
 *
 * Every topic off the wire is a fresh string whose hash V8 has not computed yet; a `Map` keyed by the
 * string hashes it natively and compares it with stored keys along its bucket chain, and even a `Map`
 * keyed by our hash walks its bucket array and entry table before reaching the entry (cache misses at
 * 100,000 topics). Here a probe reads two small typed arrays, and only an entry whose hash matches is
 * fetched and compared by name, so names sharing a hash stay apart. It is the model's only index of
 * topics by name: a second, string-keyed `Map` would hash every new topic natively once more.
 */
export class TopicTable {
  private hashes: Int32Array
  /** Topic id per slot, EMPTY when free. */
  private ids: Int32Array
  private mask: number
  /** Topics in the table. */
  size = 0
  /** Entries by topic id (undefined where an id is free); the same array for the table's whole life. */
  readonly entries: Array<TopicEntry | undefined> = []

  constructor(private readonly initialSlots = 1 << 10) {
    this.hashes = new Int32Array(initialSlots)
    this.ids = new Int32Array(initialSlots).fill(EMPTY)
    this.mask = initialSlots - 1
  }

  /** The entry of `topic`, or undefined. */
  get(topic: string): TopicEntry | undefined {
    const hash = topicHash(topic)
    const ids = this.ids
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = ids[slot] as number
      if (id === EMPTY) return undefined
      if (this.hashes[slot] === hash) {
        const entry = this.entries[id] as TopicEntry
        if (entry.topic === topic) return entry
      }
    }
  }

  /** Adds an entry whose topic is not in the table yet. */
  add(entry: TopicEntry): void {
    // At most half full, so probes stay short and a free slot always ends them.
    if (2 * (this.size + 1) > this.ids.length) this.resize(this.ids.length * 2)
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
    const ids = this.ids
    let slot = topicHash(entry.topic) & mask
    while (ids[slot] !== entry.id) {
      if (ids[slot] === EMPTY) return
      slot = (slot + 1) & mask
    }
    this.entries[entry.id] = undefined
    this.size--
    // Backward-shift deletion: move later members of the probe run into the hole, so no run is broken.
    for (let next = (slot + 1) & mask; ids[next] !== EMPTY; next = (next + 1) & mask) {
      const home = (this.hashes[next] as number) & mask
      // `next` may fill the hole only if its home slot is not cyclically within (slot, next].
      const homeAfterHole = slot <= next ? home > slot && home <= next : home > slot || home <= next
      if (homeAfterHole) continue
      ids[slot] = ids[next] as number
      this.hashes[slot] = this.hashes[next] as number
      slot = next
    }
    ids[slot] = EMPTY
  }

  clear(): void {
    this.hashes = new Int32Array(this.initialSlots)
    this.ids = new Int32Array(this.initialSlots).fill(EMPTY)
    this.mask = this.initialSlots - 1
    this.size = 0
    this.entries.length = 0
  }

  private place(hash: number, id: number): void {
    let slot = hash & this.mask
    while (this.ids[slot] !== EMPTY) slot = (slot + 1) & this.mask
    this.ids[slot] = id
    this.hashes[slot] = hash
  }

  private resize(slots: number): void {
    const { hashes, ids } = this
    this.hashes = new Int32Array(slots)
    this.ids = new Int32Array(slots).fill(EMPTY)
    this.mask = slots - 1
    for (let slot = 0; slot < ids.length; slot++) if (ids[slot] !== EMPTY) this.place(hashes[slot] as number, ids[slot] as number)
  }
}

/** FNV-1a over the UTF-16 code units of `topic`, as a signed 32-bit integer. */
export function topicHash(topic: string): number {
  let hash = 0x811c9dc5 | 0
  for (let i = 0; i < topic.length; i++) hash = Math.imul(hash ^ topic.charCodeAt(i), 0x01000193)
  return hash
}
