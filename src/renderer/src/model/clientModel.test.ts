import { describe, expect, it, vi } from 'vitest'
import { DELTA_STRIDE, DeltaFlag, type ModelDelta } from '@shared/contract'
import { ClientModel } from './clientModel'
import { testStats } from '../test/deltas'

interface Change {
  topic: string
  count: number
  payload: string
  at?: number
  flags?: number
}

function delta(seq: number, changes: Change[], extra: Partial<ModelDelta> = {}): ModelDelta {
  const bytes = changes.map((c) => new TextEncoder().encode(c.payload))
  const previews = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0))
  let offset = 0
  for (const b of bytes) {
    previews.set(b, offset)
    offset += b.length
  }
  const numbers: number[] = []
  // Every changed topic is named, under its index as id (a name given again replaces the one before).
  changes.forEach((c, i) => numbers.push(c.count, c.at ?? seq, bytes[i]!.length, bytes[i]!.length, c.flags ?? 0, i))
  expect(numbers.length).toBe(changes.length * DELTA_STRIDE)
  const names = changes.map((c) => c.topic)
  return { connectionId: 'c1', seq, reset: false, removed: [], names, nameIds: names.map((_, i) => i), numbers: Float64Array.from(numbers), previews, properties: [], stats: testStats, ...extra }
}

const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes)

describe('ClientModel', () => {
  it('applies changed topics, builds the tree and keeps subtree totals', () => {
    const model = new ClientModel('c1')
    model.apply(delta(1, [
      { topic: 'home/kitchen/temp', count: 3, payload: '21.5', at: 100 },
      { topic: 'home/hall/temp', count: 2, payload: '19', at: 200 },
      { topic: 'home', count: 1, payload: 'root value', at: 50 }
    ]))
    expect(model.topicCount).toBe(3)
    const home = model.node('home')!
    expect(home.topicCount).toBe(3)
    expect(home.messageCount).toBe(6)
    expect(home.lastUpdate).toBe(200)
    expect(text(model.topic('home/kitchen/temp')?.message.payload)).toBe('21.5')
    expect(model.root.messageCount).toBe(6)

    model.apply(delta(2, [{ topic: 'home/kitchen/temp', count: 10, payload: '22', at: 300 }]))
    expect(home.messageCount).toBe(13)
    expect(model.node('home/kitchen')!.lastUpdate).toBe(300)
    expect(model.topic('home/kitchen/temp')?.message.seq).toBe(10)
  })

  it('finds topics told by id alone, names learned in earlier deltas, and an id named again for another topic', () => {
    const model = new ClientModel('c1')
    model.apply(delta(1, [{ topic: 'plant/a', count: 1, payload: 'a1' }, { topic: 'plant/b', count: 1, payload: 'b1' }], { reset: true }))
    // As main sends known topics: by id (1 is plant/b) with no names.
    model.apply(delta(2, [{ topic: 'unused', count: 2, payload: 'b2' }], { names: [], nameIds: [], numbers: new Float64Array([2, 2, 2, 2, 0, 1]) }))
    expect(text(model.topic('plant/b')?.message.payload)).toBe('b2')
    expect(model.topic('unused')).toBeUndefined()
    // plant/a is removed and its id 0 goes to a new topic in the same delta.
    model.apply(delta(3, [{ topic: 'plant/c', count: 1, payload: 'c1' }], { removed: ['plant/a'] }))
    expect(model.topic('plant/a')).toBeUndefined()
    expect(text(model.topic('plant/c')?.message.payload)).toBe('c1')
    // An id never named since the reset is skipped, not filed under a guessed topic.
    model.apply(delta(4, [{ topic: 'x', count: 9, payload: 'lost' }], { reset: true, names: [], nameIds: [], numbers: new Float64Array([9, 4, 4, 4, 0, 0]) }))
    expect(model.topicCount).toBe(0)
  })

  it('applies removals before the changed topics of the same delta, and prunes empty levels', () => {
    const model = new ClientModel('c1')
    model.apply(delta(1, [{ topic: 'a/b/c', count: 5, payload: 'x' }, { topic: 'a/d', count: 1, payload: 'y' }]))
    // Cleared and then published again in one interval: the new topic starts over at count 1.
    model.apply(delta(2, [{ topic: 'a/b/c', count: 1, payload: 'again' }], { removed: ['a/b/c'] }))
    expect(model.topic('a/b/c')?.messageCount).toBe(1)
    expect(model.node('a')!.messageCount).toBe(2)

    model.apply(delta(3, [], { removed: ['a/b/c'] }))
    expect(model.topic('a/b/c')).toBeUndefined()
    expect(model.node('a/b')).toBeUndefined()
    expect(model.node('a')!.topicCount).toBe(1)
    expect(model.root.messageCount).toBe(1)
  })

  it('decodes flags, previews and properties', () => {
    const model = new ClientModel('c1')
    const flags = 1 | DeltaFlag.retain | DeltaFlag.truncated | DeltaFlag.large | DeltaFlag.retainedTopic
    model.apply(delta(1, [{ topic: 't', count: 1, payload: 'abc', flags }, { topic: 'u', count: 1, payload: 'de' }], {
      properties: [[1, { contentType: 'text/plain' }]]
    }))
    const t = model.topic('t')!
    expect(t.retained).toBe(true)
    expect(t.message).toMatchObject({ qos: 1, retain: true, dup: false, truncated: true, large: true, payloadEvicted: false })
    expect(text(model.topic('u')?.message.payload)).toBe('de')
    expect(model.topic('u')?.message.properties).toEqual({ contentType: 'text/plain' })
    expect(t.message.properties).toBeUndefined()
  })

  it('forgets everything on reset and sorts children by name, update time or count', () => {
    const model = new ClientModel('c1')
    model.apply(delta(1, [{ topic: 'old', count: 1, payload: '' }]))
    model.apply(delta(1, [
      { topic: 'r/b', count: 5, payload: '', at: 10 },
      { topic: 'r/a', count: 1, payload: '', at: 30 },
      { topic: 'r/c', count: 9, payload: '', at: 20 }
    ], { reset: true }))
    expect(model.topic('old')).toBeUndefined()
    const r = model.node('r')!
    const names = (sort: 'name' | 'lastUpdate' | 'messageCount', desc = false) => model.sortedChildren(r, sort, desc).map((n) => n.name)
    expect(names('name')).toEqual(['a', 'b', 'c'])
    expect(names('lastUpdate', true)).toEqual(['a', 'c', 'b'])
    expect(names('messageCount')).toEqual(['a', 'b', 'c'])
    expect(names('messageCount', true)).toEqual(['c', 'b', 'a'])
    // The by-name order is kept between deltas and redone when a child appears.
    const first = model.sortedChildren(r, 'name')
    model.apply(delta(2, [{ topic: 'r/b', count: 6, payload: '' }]))
    expect(model.sortedChildren(r, 'name')).toBe(first)
    model.apply(delta(3, [{ topic: 'r/0', count: 1, payload: '' }]))
    expect(names('name')).toEqual(['0', 'a', 'b', 'c'])
    model.apply(delta(4, [], { removed: ['r/0'] }))
    expect(names('name')).toEqual(['a', 'b', 'c'])
  })

  it('bumps the version once per delta and tells subscribers once per frame', async () => {
    vi.useFakeTimers()
    try {
      const model = new ClientModel('c1')
      const listener = vi.fn()
      model.store.subscribe(listener)
      model.apply(delta(1, [{ topic: 'a', count: 1, payload: '1' }, { topic: 'b', count: 1, payload: '2' }]))
      model.apply(delta(2, [{ topic: 'a', count: 2, payload: '3' }]))
      expect(model.version).toBe(2)
      expect(listener).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(50)
      expect(listener).toHaveBeenCalledTimes(1)
      expect(model.store.getState().version).toBe(2)
    } finally {
      vi.useRealTimers()
    }
  })
})
