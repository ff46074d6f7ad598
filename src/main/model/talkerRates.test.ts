import { describe, expect, it } from 'vitest'
import { msg, setup } from './test/coalescerKit'

/**
 * Feeds `perTick` messages per topic every 100 ms for `seconds`, one coalescer frame after each batch; asks for
 * the top talkers once a second when `asking`, as the Broker tab does while it is open.
 */
function flood(kit: ReturnType<typeof setup>, seconds: number, perTick: Record<string, { count: number; bytes?: number }>, asking = true): void {
  for (let t = 0; t < seconds * 10; t++) {
    for (const [topic, { count, bytes = 10 }] of Object.entries(perTick)) {
      for (let i = 0; i < count; i++) kit.model.ingest(msg(topic, 'x'.repeat(bytes)))
    }
    kit.advance(100)
    kit.coalescer.tick()
    if (asking && t % 10 === 9) kit.coalescer.talkers.top('10s', 'messages', 1, kit.now())
  }
}

describe('TalkerRates (top talkers)', () => {
  it('measures nothing until asked, then ranks topics and subtrees by message rate over the window', () => {
    const kit = setup()
    const { talkers } = kit.coalescer
    flood(kit, 2, { 'plant/a/fast': { count: 100 } }, false)
    expect(talkers.top('10s', 'messages', 10, kit.now())).toEqual({ measuredMs: 0, topics: [], subtrees: [] })
    flood(kit, 20, { 'plant/a/fast': { count: 100 }, 'plant/a/slow': { count: 10 }, 'plant/b/x': { count: 1 } })
    const top = talkers.top('10s', 'messages', 10, kit.now())
    expect(top.measuredMs).toBe(20_000)
    expect(top.topics.map((t) => t.path)).toEqual(['plant/a/fast', 'plant/a/slow', 'plant/b/x'])
    // 1,000, 100 and 10 msg/s as sent (within 1%: the average of a rate sampled every 100 ms).
    const near = (value: number, expected: number): boolean => Math.abs(value - expected) <= expected / 100
    expect(top.topics.map((t) => t.messagesPerSecond).every((rate, i) => near(rate, [1000, 100, 10][i] as number))).toBe(true)
    expect(near(top.topics[0]!.bytesPerSecond, 10_000)).toBe(true)
    expect(top.subtrees.map((t) => [t.path, t.topicCount])).toEqual([
      ['plant', 3],
      ['plant/a', 2],
      ['plant/b', 1]
    ])
    expect(top.subtrees.map((t) => t.messagesPerSecond).every((rate, i) => near(rate, [1110, 1100, 10][i] as number))).toBe(true)
  })

  it('ranks by bytes when asked, and over the minute a burst weighs less than over 10 s', () => {
    const kit = setup()
    const { talkers } = kit.coalescer
    talkers.top('10s', 'bytes', 10, kit.now())
    flood(kit, 30, { chatty: { count: 50, bytes: 20 }, camera: { count: 1, bytes: 50_000 } })
    flood(kit, 5, { chatty: { count: 50, bytes: 20 }, camera: { count: 1, bytes: 50_000 }, burst: { count: 200, bytes: 1 } })
    const bytes = talkers.top('10s', 'bytes', 2, kit.now())
    expect(bytes.topics.map((t) => t.path)).toEqual(['camera', 'chatty'])
    const tenSeconds = talkers.top('10s', 'messages', 10, kit.now()).topics.find((t) => t.path === 'burst')!
    const minute = talkers.top('1m', 'messages', 10, kit.now()).topics.find((t) => t.path === 'burst')!
    expect(minute.messagesPerSecond).toBeLessThan(tenSeconds.messagesPerSecond / 2)
  })

  it('forgets a removed topic, and a topic taking its id starts from nothing', () => {
    const kit = setup()
    const { talkers } = kit.coalescer
    talkers.top('10s', 'messages', 10, kit.now())
    kit.model.ingest(msg('gone', 'v', { retain: true }))
    flood(kit, 5, { gone: { count: 100 } })
    kit.model.ingest(msg('gone', '', { retain: true }))
    kit.model.ingest(msg('new', 'v'))
    kit.advance(100)
    kit.coalescer.tick()
    expect(kit.model.topics.get('new')?.id).toBe(0)
    const top = talkers.top('10s', 'messages', 10, kit.now())
    expect(top.topics.map((t) => t.path)).toEqual(['new'])
    expect(top.topics[0]!.messagesPerSecond).toBeLessThan(1)
  })

  it('gives its memory back 30 s after the last question, and starts measuring again when asked', () => {
    const kit = setup()
    const { talkers } = kit.coalescer
    talkers.top('10s', 'messages', 10, kit.now())
    flood(kit, 35, { t: { count: 10 } }, false)
    expect(talkers.top('10s', 'messages', 10, kit.now()).measuredMs).toBe(0)
    flood(kit, 1, { t: { count: 10 } }, false)
    expect(talkers.top('10s', 'messages', 10, kit.now()).measuredMs).toBe(1_000)
  })
})
