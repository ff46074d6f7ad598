import { NO_TOPIC, type TopicEntry } from './topicEntry'
import type { TopicTable } from './topicTable'

/** Confidence counts right guesses up to MAX_CONFIDENCE and wrong ones down to 0; guesses are made from CONFIDENT up. */
const CONFIDENT = 2
const MAX_CONFIDENCE = 3

/**
 * Finds the topic of each received message, guessing it before hashing: the topic that followed the
 * previous message's topic last time. Devices and gateways publish their topics in the same order every
 * cycle, a fast sensor repeats one topic, and a broker replays retained values in the same order on every
 * subscribe; a right guess costs one name comparison instead of hashing the name and probing the table
 * (a cache miss once there are more topics than the cache holds). Guesses are made only while recent ones
 * were right, so traffic without an order pays no wasted comparisons; a guess is only taken when the
 * names are equal, so a wrong one costs time, never a wrong topic.
 */
export class TopicPredictor {
  private last: TopicEntry | undefined = undefined
  private confidence = 0

  constructor(private readonly table: TopicTable) {}

  /** The entry of `topic`, or undefined when it is new; call `saw` with the entry the message went to. */
  lookup(topic: string): TopicEntry | undefined {
    if (this.confidence >= CONFIDENT && this.last !== undefined && this.last.next !== NO_TOPIC) {
      const guess = this.table.entries[this.last.next]
      if (guess !== undefined && guess.topic === topic) return guess
    }
    return this.table.get(topic)
  }

  /** Learns that `entry` received the message after the previous one's topic. */
  saw(entry: TopicEntry): void {
    const last = this.last
    if (last !== undefined) {
      if (last.next === entry.id) {
        if (this.confidence < MAX_CONFIDENCE) this.confidence++
      } else {
        if (this.confidence > 0) this.confidence--
        last.next = entry.id
      }
    }
    this.last = entry
  }

  /** Forgets every guess (the topics were cleared). */
  reset(): void {
    this.last = undefined
    this.confidence = 0
  }
}
