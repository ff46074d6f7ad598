import type { TopicEntry } from './topicEntry'

/**
 * Topics changed since they were last sent, in the order they first changed: an array with a read index,
 * because the hot path marks a topic far more often than a Set's hashing would like. A removed topic
 * stays in the array, unmarked, and is skipped when reached.
 */
export class DirtyQueue {
  /** Marked topics waiting (removed ones not counted). */
  size = 0
  private items: TopicEntry[] = []
  private head = 0

  /** Marks a topic changed; the caller checked that it was not marked yet. */
  add(entry: TopicEntry): void {
    entry.dirty = true
    this.items.push(entry)
    this.size++
  }

  /** Unmarks a topic that is going away. */
  drop(entry: TopicEntry): void {
    if (!entry.dirty) return
    entry.dirty = false
    this.size--
  }

  /** The oldest marked topic, left in place; undefined when none waits. */
  peek(): TopicEntry | undefined {
    const items = this.items
    while (this.head < items.length && !(items[this.head] as TopicEntry).dirty) this.head++
    if (this.head === items.length) {
      this.items = []
      this.head = 0
      return undefined
    }
    return items[this.head]
  }

  /** Takes the topic `peek` returned: it is unmarked until it changes again. */
  take(): void {
    const entry = this.items[this.head++] as TopicEntry
    entry.dirty = false
    this.size--
    // Drop the consumed front now and then, so the array stays about as long as what waits.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
  }

  clear(): void {
    for (let i = this.head; i < this.items.length; i++) (this.items[i] as TopicEntry).dirty = false
    this.items = []
    this.head = 0
    this.size = 0
  }
}
