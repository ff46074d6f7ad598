import { describe, expect, it } from 'vitest'
import { DirtyQueue } from './dirtyQueue'
import { TopicEntry } from './topicEntry'

describe('DirtyQueue', () => {
  it('hands out marked topics in order, skips dropped ones, and keeps order across compaction', () => {
    const queue = new DirtyQueue()
    const entries = Array.from({ length: 3_000 }, (_, i) => new TopicEntry(i, `t/${i}`))
    for (const entry of entries) queue.add(entry)
    queue.drop(entries[1]!)
    queue.drop(entries[2_500]!)
    queue.drop(entries[2_500]!)
    expect(queue.size).toBe(2_998)
    const taken: number[] = []
    for (let entry = queue.peek(); entry && taken.length < 2_000; entry = queue.peek()) {
      queue.take()
      taken.push(entry.id)
    }
    expect(taken.slice(0, 3)).toEqual([0, 2, 3])
    expect(entries[0]!.dirty).toBe(false)
    // A taken topic that changes again goes to the back.
    queue.add(entries[0]!)
    const rest: number[] = []
    for (let entry = queue.peek(); entry; entry = queue.peek()) {
      queue.take()
      rest.push(entry.id)
    }
    expect(rest).toHaveLength(999)
    expect(rest.at(-1)).toBe(0)
    expect(rest).not.toContain(2_500)
    expect(queue.size).toBe(0)
  })
})
