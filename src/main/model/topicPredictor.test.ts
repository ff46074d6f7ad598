import { describe, expect, it, vi } from 'vitest'
import type { ReceivedMessage } from '../../shared/contract'
import { ConnectionModel } from './connectionModel'
import { defaultModelSettings } from './settings'
import { TopicEntry } from './topicEntry'
import { TopicPredictor } from './topicPredictor'
import { TopicTable } from './topicTable'

/** A topic string as the parser makes it: equal to, but not the same object as, the stored name. */
const fresh = (topic: string): string => Buffer.from(topic).toString()

function tableOf(topics: string[]): TopicTable {
  const table = new TopicTable()
  topics.forEach((topic, id) => table.add(new TopicEntry(id, topic)))
  return table
}

/** Looks up each topic and tells the predictor, as the model does. */
function feed(predictor: TopicPredictor, topics: string[]): Array<TopicEntry | undefined> {
  return topics.map((topic) => {
    const entry = predictor.lookup(fresh(topic))
    if (entry) predictor.saw(entry)
    return entry
  })
}

describe('TopicPredictor', () => {
  const cycle = ['plant/line1/temp', 'plant/line1/pressure', 'plant/line2/temp', 'plant/line2/pressure']

  it('answers topics that come in the same order each cycle without probing the table', () => {
    const table = tableOf(cycle)
    const predictor = new TopicPredictor(table)
    feed(predictor, [...cycle, ...cycle])
    const probes = vi.spyOn(table, 'get')
    const found = feed(predictor, [...cycle, ...cycle])
    expect(found.map((entry) => entry?.topic)).toEqual([...cycle, ...cycle])
    expect(probes).not.toHaveBeenCalled()
  })

  it('answers a topic that repeats without probing the table', () => {
    const table = tableOf(cycle)
    const predictor = new TopicPredictor(table)
    const fast = Array.from({ length: 10 }, () => cycle[0] as string)
    feed(predictor, fast)
    const probes = vi.spyOn(table, 'get')
    expect(feed(predictor, fast).every((entry) => entry === table.entries[0])).toBe(true)
    expect(probes).not.toHaveBeenCalled()
  })

  it('falls back to the table when the order changes, and stops guessing while guesses are wrong', () => {
    const table = tableOf(cycle)
    const predictor = new TopicPredictor(table)
    feed(predictor, [...cycle, ...cycle, ...cycle])
    const reversed = [...cycle].reverse()
    expect(feed(predictor, reversed).map((entry) => entry?.topic)).toEqual(reversed)
    // Unknown topics are not guessed into existence.
    expect(feed(predictor, ['plant/line3/temp'])).toEqual([undefined])
    let fetched = 0
    const entries = new Proxy(table.entries, {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) fetched++
        return Reflect.get(target, key, receiver) as unknown
      }
    })
    Object.defineProperty(table, 'entries', { value: entries })
    feed(predictor, [cycle[2] as string, cycle[0] as string, cycle[3] as string, cycle[1] as string])
    // Wrong guesses in a row stopped the guessing: each lookup fetched only the entry the table found.
    expect(fetched).toBe(4)
  })
})

describe('ConnectionModel with guessed topics', () => {
  const message = (topic: string, payload = 'v', retain = false): ReceivedMessage => ({
    topic: fresh(topic),
    payload: Buffer.from(payload),
    qos: 0,
    retain,
    dup: false,
    receivedAt: 1
  })

  it('never hands a message to a topic that took over the id of a removed one', () => {
    const model = new ConnectionModel(() => defaultModelSettings)
    for (let round = 0; round < 3; round++) for (const topic of ['a', 'b', 'c']) model.ingest(message(topic, 'v', topic === 'b'))
    model.ingest(message('b', '', true))
    expect(model.topics.has('b')).toBe(false)
    const freedId = (model.topics.get('c') as TopicEntry).id - 1
    model.ingest(message('x'))
    expect(model.topics.get('x')?.id).toBe(freedId)
    // After "a" the guess is the old "b"'s id, which now belongs to "x".
    model.ingest(message('a'))
    model.ingest(message('b'))
    expect(model.topics.get('b')?.count).toBe(1)
    expect(model.topics.get('x')?.count).toBe(1)
    expect(model.topics.get('a')?.count).toBe(4)
  })

  it('keeps exact counts per topic when cycles, repeats, random order and removals mix', () => {
    const model = new ConnectionModel(() => defaultModelSettings)
    const expected = new Map<string, number>()
    let seed = 12345
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed % n
    }
    const topics = Array.from({ length: 40 }, (_, i) => `site/${i % 5}/dev/${i}`)
    for (let step = 0; step < 4000; step++) {
      const phase = Math.floor(step / 500) % 3
      const topic = (phase === 0 ? topics[step % topics.length] : phase === 1 ? topics[random(topics.length)] : topics[Math.floor(step / 7) % 3]) as string
      if (random(50) === 0) {
        model.ingest(message(topic, '', true))
        expected.delete(topic)
        continue
      }
      model.ingest(message(topic, String(step), true))
      expected.set(topic, (expected.get(topic) ?? 0) + 1)
    }
    const counts = new Map([...model.topics.values()].map((entry) => [entry.topic, entry.count]))
    expect(counts).toEqual(expected)
  })
})
