import { describe, expect, it } from 'vitest'
import type { ModelSettings, ReceivedMessage } from '../../shared/contract'
import { ConnectionModel } from './connectionModel'
import { ARENA_PAYLOAD_LIMIT } from './messageLog'
import { history, message } from './queries'
import { defaultModelSettings, mergeSettings } from './settings'

function modelWith(changes: Partial<ModelSettings>): { model: ConnectionModel; settings: ModelSettings } {
  const settings = mergeSettings(defaultModelSettings, changes)
  return { model: new ConnectionModel(() => settings), settings }
}

let clock = 1_000
function msg(topic: string, payload: string | Uint8Array, extra: Partial<ReceivedMessage> = {}): ReceivedMessage {
  const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload
  return { topic, payload: bytes, qos: 0, retain: false, dup: false, receivedAt: clock++, ...extra }
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString()
const payloads = (model: ConnectionModel, topic: string): string[] =>
  history(model, topic, undefined, 10_000, 1 << 20).messages.map((m) => text(m.payload))

describe('ConnectionModel', () => {
  it('keeps exact counts and the newest messages within the per-topic limit', () => {
    const { model } = modelWith({ historyLimit: 3 })
    for (let i = 1; i <= 10; i++) model.ingest(msg('a/b', `v${i}`))
    model.ingest(msg('a/c', 'other'))
    expect(model.topics.get('a/b')?.count).toBe(10)
    expect(payloads(model, 'a/b')).toEqual(['v10', 'v9', 'v8'])
    const page = history(model, 'a/b', 10, 1, 100)
    expect(page.messages.map((m) => m.seq)).toEqual([9])
    expect(page.oldestSeq).toBe(8)
    expect(model.log.evicted).toBe(7)
    expect(model.messageCount).toBe(11)
    expect(text(message(model, 'a/b', 9).payload)).toBe('v9')
    expect(() => message(model, 'a/b', 2)).toThrow(/no longer kept/)
  })

  it('does not keep the caller’s buffer: the bytes are copied', () => {
    const { model } = modelWith({})
    const chunk = Buffer.from('hello world')
    model.ingest(msg('t', chunk.subarray(0, 5)))
    chunk.fill(0)
    expect(text(message(model, 't', 1).payload)).toBe('hello')
  })

  it('evicts the oldest history first under the byte budget and never a latest value', () => {
    const { model, settings } = modelWith({ budgetBytes: 1 << 20, historyLimit: 1_000 })
    const big = (tag: string): Uint8Array => Buffer.alloc(100_000, tag)
    // a1 b1 a2 b2 a3 …: history is a1, b1, a2, b2, … oldest first.
    for (let i = 1; i <= 12; i++) {
      model.ingest(msg('a', big(`a${i}`)))
      model.ingest(msg('b', big(`b${i}`)))
      expect(model.storedBytes).toBeLessThanOrEqual(settings.budgetBytes)
    }
    const kept = (topic: string): number[] => history(model, topic, undefined, 100, 4).messages.map((m) => m.seq)
    const a = kept('a')
    const b = kept('b')
    expect(a[0]).toBe(12)
    expect(b[0]).toBe(12)
    // Both topics lost their oldest messages and kept a contiguous run of the newest.
    expect(a).toEqual(Array.from({ length: a.length }, (_, i) => 12 - i))
    expect(b).toEqual(Array.from({ length: b.length }, (_, i) => 12 - i))
    expect(Math.abs(a.length - b.length)).toBeLessThanOrEqual(1)
    expect(a.length + b.length).toBeLessThan(20)
    expect(model.topics.get('a')?.count).toBe(12)
    expect(model.log.evicted).toBe(24 - a.length - b.length)
  })

  it('keeps a payload above the large limit whole and marks it', () => {
    const { model } = modelWith({ largePayloadBytes: 1_000 })
    const payload = Buffer.alloc(ARENA_PAYLOAD_LIMIT * 3, 7)
    model.ingest(msg('big', payload))
    model.ingest(msg('big', 'small'))
    const full = message(model, 'big', 1)
    expect(full.large).toBe(true)
    expect(full.truncated).toBe(false)
    expect(full.payload).toEqual(new Uint8Array(payload))
    const preview = history(model, 'big', undefined, 10, 100).messages[1]!
    expect(preview).toMatchObject({ seq: 1, size: payload.length, truncated: true, large: true })
    expect(preview.payload.length).toBe(100)
    expect(message(model, 'big', 2).large).toBe(false)
  })

  it('marks a payload the budget forced out, keeping its record', () => {
    const { model } = modelWith({ budgetBytes: 1 << 20 })
    model.ingest(msg('huge', Buffer.alloc(2 << 20, 1)))
    const record = message(model, 'huge', 1)
    expect(record).toMatchObject({ size: 2 << 20, payloadEvicted: true, truncated: false })
    expect(record.payload.length).toBe(0)
    expect(model.evictedPayloads).toBe(1)
    model.ingest(msg('huge', 'fits'))
    expect(message(model, 'huge', 1).payloadEvicted).toBe(true)
    expect(text(message(model, 'huge', 2).payload)).toBe('fits')
  })

  it('drops the payloads of the oldest latest values when latest values alone exceed the budget', () => {
    const { model, settings } = modelWith({ budgetBytes: 1 << 20, historyLimit: 1 })
    for (let i = 0; i < 30; i++) model.ingest(msg(`big/${i}`, Buffer.alloc(50_000, i)))
    expect(model.storedBytes).toBeLessThanOrEqual(settings.budgetBytes)
    const evicted = (i: number): boolean => history(model, `big/${i}`, undefined, 1, 10).messages[0]!.payloadEvicted
    expect(evicted(0)).toBe(true)
    expect(evicted(29)).toBe(false)
    const dropped = Array.from({ length: 30 }, (_, i) => evicted(i)).filter(Boolean).length
    expect(model.evictedPayloads).toBe(dropped)
    // Oldest first: every dropped topic is older than every kept one.
    expect(Array.from({ length: 30 }, (_, i) => evicted(i))).toEqual(Array.from({ length: 30 }, (_, i) => i < dropped))
    expect(message(model, 'big/29', 1).payload).toEqual(new Uint8Array(50_000).fill(29))
  })

  it('keeps every topic’s newest messages contiguous and within the budget under random traffic', () => {
    const { model, settings } = modelWith({ budgetBytes: 1 << 20, historyLimit: 50 })
    const latest = new Map<string, string>()
    let seed = 7
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % n
    }
    for (let i = 0; i < 40_000; i++) {
      const topic = `t/${random(500)}`
      const payload = `${i}:${'y'.repeat(random(2_000))}`
      model.ingest(msg(topic, payload))
      latest.set(topic, payload)
      expect(model.storedBytes).toBeLessThanOrEqual(settings.budgetBytes)
    }
    for (const [topic, payload] of latest) {
      const { messages, messageCount } = history(model, topic, undefined, 100, 1 << 20)
      expect(messages[0]!.seq).toBe(messageCount)
      expect(text(messages[0]!.payload)).toBe(payload)
      expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => messageCount - i))
    }
    expect(model.log.evicted).toBeGreaterThan(0)
  })

  it('fills the whole budget with history before it evicts any', () => {
    for (const size of [20, 60, 500, 1_000, 4_000]) {
      const { model, settings } = modelWith({ budgetBytes: 8 << 20, historyLimit: 1_000_000 })
      const payload = Buffer.alloc(size, 7)
      let stored = 0
      for (let i = 0; model.log.evicted === 0; i++) {
        stored = model.storedBytes
        model.ingest(msg(`fill/${i % 100}`, payload))
      }
      // With only 4×/2× steps the arena and the record slots stopped short of the budget: eviction began at
      // 57% for 1 kB payloads, 90% for 60 bytes.
      expect(stored / settings.budgetBytes, `${size}-byte payloads`).toBeGreaterThanOrEqual(0.95)
      expect(model.storedBytes).toBeLessThanOrEqual(settings.budgetBytes)
    }
  })

  it('keeps every topic’s history exact while small records wrap the log many times', () => {
    const { model, settings } = modelWith({ budgetBytes: 1 << 20, historyLimit: 1_000 })
    const sent = new Map<string, string[]>()
    let seed = 11
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % n
    }
    for (let i = 0; i < 60_000; i++) {
      const topic = `s/${random(200)}`
      const payload = `${i}:${'z'.repeat(random(50))}`
      model.ingest(msg(topic, payload))
      const list = sent.get(topic) ?? []
      list.push(payload)
      sent.set(topic, list)
      if (model.storedBytes > settings.budgetBytes) throw new Error(`Over the budget after message ${i}.`)
    }
    expect(model.log.evicted).toBeGreaterThan(40_000)
    for (const [topic, all] of sent) {
      const kept = payloads(model, topic)
      expect(kept.length).toBeGreaterThan(0)
      expect(kept).toEqual(all.slice(-kept.length).reverse())
    }
  })

  it('keeps every topic’s latest message even when the topics alone outgrow the budget', () => {
    const { model } = modelWith({ budgetBytes: 1 << 20 })
    for (let i = 0; i < 40_000; i++) model.ingest(msg(`many/${i}`, `value ${i}`))
    expect(model.topics.size).toBe(40_000)
    expect(model.log.liveRecords).toBe(40_000)
    const last = history(model, 'many/39999', undefined, 1, 100).messages[0]!
    expect(last.seq).toBe(1)
    expect(last.payloadEvicted || text(last.payload) === 'value 39999').toBe(true)
  })

  it('removes a topic when its retained value is cleared, and keeps empty messages of other topics', () => {
    const { model } = modelWith({})
    model.ingest(msg('r/1', 'on', { retain: true }))
    model.ingest(msg('r/1', 'live'))
    model.ingest(msg('plain', 'x'))
    model.ingest(msg('plain', ''))
    expect(model.topics.get('plain')?.count).toBe(2)
    // The clear arrives without the retain flag when we were already subscribed.
    model.ingest(msg('r/1', ''))
    expect(model.topics.has('r/1')).toBe(false)
    expect(model.tree.find('r')).toBeUndefined()
    expect(model.removals.map((entry) => entry.topic)).toEqual(['r/1'])
    // An empty retained message for an unknown topic creates nothing.
    model.ingest(msg('r/2', '', { retain: true }))
    expect(model.topics.has('r/2')).toBe(false)
  })

  it('swallows the echo of its own clear and starts a topic over when it comes back', () => {
    const { model } = modelWith({})
    model.ingest(msg('s/1', 'v', { retain: true }))
    model.forgetCleared('s/1', clock)
    model.ingest(msg('s/1', ''))
    expect(model.topics.has('s/1')).toBe(false)
    model.ingest(msg('s/1', 'again'))
    expect(model.topics.get('s/1')?.count).toBe(1)
  })

  it('keeps the tree index in step with topics created, removed and created again between queries', () => {
    const { model } = modelWith({})
    model.ingest(msg('x/a', 'v', { retain: true }))
    model.ingest(msg('x/a', ''))
    model.ingest(msg('x/a', 'back'))
    model.ingest(msg('x/b', 'v', { retain: true }))
    expect(model.tree.find('x')?.topicCount).toBe(2)
    expect(model.tree.find('x/a')?.entry?.count).toBe(1)
    model.ingest(msg('x/b', ''))
    expect(model.tree.find('x/b')).toBeUndefined()
    expect(model.tree.find('x')?.topicCount).toBe(1)
  })

  it('matches a reference model under random traffic, across log growth and compaction', () => {
    const { model } = modelWith({ historyLimit: 7 })
    const reference = new Map<string, string[]>()
    let seed = 42
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % n
    }
    for (let i = 0; i < 60_000; i++) {
      // A few hot topics make most of the log holes; many quiet ones keep live records at the tail.
      const topic = random(4) === 0 ? `quiet/${random(2_000)}` : `hot/${random(5)}`
      const payload = `${topic}#${i}:${'x'.repeat(random(300))}`
      model.ingest(msg(topic, payload))
      const list = reference.get(topic) ?? []
      list.unshift(payload)
      reference.set(topic, list.slice(0, 7))
    }
    for (const [topic, expected] of reference) expect(payloads(model, topic)).toEqual(expected)
    expect(model.log.liveRecords).toBe([...reference.values()].reduce((n, list) => n + list.length, 0))
  })
})
