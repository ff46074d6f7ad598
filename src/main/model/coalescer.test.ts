import { describe, expect, it } from 'vitest'
import { DELTA_STRIDE, DeltaField, DeltaFlag, DeltaTopicNames, type ModelDelta, type ModelSettings, type ReceivedMessage } from '../../shared/contract'
import type { DeltaReceiver } from '../ports/deltaReceiver'
import { DeltaCoalescer } from './coalescer'
import { ConnectionModel } from './connectionModel'
import { MAX_UNACKED_DELTAS } from './deltaStream'
import { defaultModelSettings, mergeSettings } from './settings'

/** A receiver as the page is one: it reads names and topics as it applies each delta, and confirms it unless told not to. */
function receiverOf(coalescer: DeltaCoalescer, id: string, options: { canSend?: () => boolean; acks?: boolean } = {}) {
  const deltas: ModelDelta[] = []
  /** Each delta's changed topics by name, as the receiver reads them. */
  const topics: Array<Array<string | undefined>> = []
  const names = new DeltaTopicNames()
  let open = true
  const receiver: DeltaReceiver = {
    id,
    isOpen: () => open,
    canSend: options.canSend ?? (() => true),
    send: (delta) => {
      deltas.push(delta)
      topics.push(names.read(delta))
      if (options.acks !== false) coalescer.stream(id)?.ack(delta.seq)
    }
  }
  coalescer.attach(receiver)
  return { receiver, deltas, topics, close: () => (open = false) }
}

function setup(changes: Partial<ModelSettings> = {}, canSend?: () => boolean) {
  const settings = mergeSettings(defaultModelSettings, changes)
  const model = new ConnectionModel(() => settings)
  let now = 10_000
  const coalescer = new DeltaCoalescer('c1', model, { settings: () => settings, now: () => now })
  const { receiver, deltas, topics } = receiverOf(coalescer, 'window', canSend ? { canSend } : {})
  const advance = (ms: number): void => {
    now += ms
  }
  return { model, coalescer, receiver, deltas, topics, advance }
}

const msg = (topic: string, payload: string, extra: Partial<ReceivedMessage> = {}): ReceivedMessage => ({
  topic,
  payload: Buffer.from(payload),
  qos: 0,
  retain: false,
  dup: false,
  receivedAt: 5,
  ...extra
})

const field = (delta: ModelDelta, index: number, name: keyof typeof DeltaField): number =>
  delta.numbers[index * DELTA_STRIDE + DeltaField[name]] as number

describe('DeltaCoalescer', () => {
  it('sends a topic that changed 1,000 times once, with its latest value and exact count', () => {
    const { model, coalescer, deltas, topics } = setup()
    for (let i = 0; i < 1_000; i++) model.ingest(msg('hot', `v${i}`, { qos: 1 }))
    model.ingest(msg('cold', 'c', { retain: true }))
    coalescer.tick()
    expect(deltas).toHaveLength(1)
    const [delta] = deltas as [ModelDelta]
    expect(delta).toMatchObject({ connectionId: 'c1', seq: 1, reset: true, removed: [], names: ['hot', 'cold'] })
    expect(topics[0]).toEqual(['hot', 'cold'])
    expect(field(delta, 0, 'messageCount')).toBe(1_000)
    expect(field(delta, 0, 'flags') & DeltaFlag.qosMask).toBe(1)
    expect(field(delta, 1, 'flags') & DeltaFlag.retainedTopic).toBeTruthy()
    expect(Buffer.from(delta.previews).toString()).toBe('v999c')
    expect(delta.stats).toMatchObject({ topicCount: 2, messageCount: 1_001, pendingTopics: 0 })
    coalescer.tick()
    expect(deltas).toHaveLength(1)
    model.ingest(msg('hot', 'next'))
    coalescer.tick()
    // Known topics go by id only: the name crossed once.
    expect(deltas[1]).toMatchObject({ seq: 2, reset: false, names: [] })
    expect(topics[1]).toEqual(['hot'])
  })

  it('bounds a delta by topics and preview bytes, leaving the rest for the next frames', () => {
    const { model, coalescer, deltas, topics } = setup({ maxTopicsPerDelta: 3, previewBytes: 16, maxPreviewBytesPerDelta: 1024 })
    for (let i = 0; i < 7; i++) model.ingest(msg(`t/${i}`, 'x'.repeat(100)))
    coalescer.tick()
    expect(topics[0]).toEqual(['t/0', 't/1', 't/2'])
    expect(deltas[0]!.previews.length).toBe(48)
    expect(field(deltas[0]!, 0, 'flags') & DeltaFlag.truncated).toBeTruthy()
    expect(field(deltas[0]!, 0, 'size')).toBe(100)
    expect(deltas[0]!.stats.pendingTopics).toBe(4)
    // A topic sent in this frame that changes again goes behind the ones still waiting.
    model.ingest(msg('t/0', 'again'))
    coalescer.tick()
    coalescer.tick()
    expect(topics).toEqual([['t/0', 't/1', 't/2'], ['t/3', 't/4', 't/5'], ['t/6', 't/0']])
    expect(deltas[2]?.names).toEqual(['t/6'])
    expect(deltas.map((d) => d.seq)).toEqual([1, 2, 3])
  })

  it('bounds a delta by preview bytes and topic name length', () => {
    const { model, coalescer, topics } = setup({ previewBytes: 1024, maxPreviewBytesPerDelta: 2048 })
    for (let i = 0; i < 5; i++) model.ingest(msg(`b/${i}`, 'y'.repeat(1000)))
    coalescer.tick()
    expect(topics[0]).toHaveLength(2)
    coalescer.tick()
    coalescer.tick()
    expect(topics.map((t) => t.length)).toEqual([2, 2, 1])
    // Two topics with 1,500-character names do not fit in 2,048 bytes together, even with 1-byte payloads.
    for (let i = 0; i < 3; i++) model.ingest(msg(`long/${'x'.repeat(1500)}/${i}`, 'z'))
    for (let i = 0; i < 3; i++) coalescer.tick()
    expect(topics.slice(3).map((t) => t.length)).toEqual([1, 1, 1])
  })

  it('names a topic whose id was freed by a removed one, and tells known topics by id alone', () => {
    const { model, coalescer, deltas, topics } = setup()
    model.ingest(msg('old', 'v', { retain: true }))
    model.ingest(msg('keep', 'v'))
    coalescer.tick()
    model.ingest(msg('old', '', { retain: true }))
    model.ingest(msg('new', 'v'))
    model.ingest(msg('keep', 'w'))
    coalescer.tick()
    expect(model.topics.get('new')?.id).toBe(0)
    expect(deltas[1]).toMatchObject({ removed: ['old'], names: ['new'], nameIds: [0] })
    expect(topics[1]).toEqual(['new', 'keep'])
  })

  it('reports removed topics, and a reset after clear and resync', () => {
    const { model, coalescer, receiver, deltas, topics } = setup()
    model.ingest(msg('r', 'on', { retain: true }))
    coalescer.tick()
    model.ingest(msg('r', 'off'))
    model.ingest(msg('r', ''))
    coalescer.tick()
    expect(deltas[1]).toMatchObject({ removed: ['r'], names: [] })
    expect(topics[1]).toEqual([])
    model.ingest(msg('k', '1'))
    model.clear()
    coalescer.sendResets()
    expect(deltas[2]).toMatchObject({ reset: true, names: [], removed: [] })
    model.ingest(msg('n', '2'))
    coalescer.tick()
    expect(deltas[3]).toMatchObject({ reset: false, names: ['n'], removed: [] })
    expect(topics[3]).toEqual(['n'])
    coalescer.attach(receiver)
    coalescer.tick()
    // A resync names every topic again: the receiver forgot them with the reset.
    expect(deltas[4]).toMatchObject({ reset: true, names: ['n'] })
    expect(topics[4]).toEqual(['n'])
  })

  it('skips frames while the receiver is busy and merges what changed meanwhile', () => {
    let ready = false
    const { model, coalescer, deltas, topics } = setup({}, () => ready)
    model.ingest(msg('a', '1'))
    coalescer.tick()
    model.ingest(msg('a', '2'))
    model.ingest(msg('b', '3'))
    coalescer.tick()
    expect(deltas).toHaveLength(0)
    ready = true
    coalescer.tick()
    expect(deltas).toHaveLength(1)
    expect(topics[0]).toEqual(['a', 'b'])
    expect(field(deltas[0]!, 0, 'messageCount')).toBe(2)
    expect(deltas[0]!.stats.skippedFrames).toBe(2)
  })

  it('measures messages and bytes per second over one-second windows and reports when traffic stops', () => {
    const { model, coalescer, deltas, advance } = setup()
    for (let i = 0; i < 500; i++) model.ingest(msg('m', '0123456789'))
    advance(1_000)
    coalescer.tick()
    expect(deltas.at(-1)!.stats).toMatchObject({ messagesPerSecond: 500, bytesPerSecond: 5_000 })
    advance(1_000)
    coalescer.tick()
    expect(deltas).toHaveLength(2)
    expect(deltas.at(-1)!.stats).toMatchObject({ messagesPerSecond: 0, bytesPerSecond: 0 })
    advance(1_000)
    coalescer.tick()
    expect(deltas).toHaveLength(2)
  })

  describe('with several receivers', () => {
    it('sends a fast receiver every frame while a congested one skips frames, then catches up without a reset', () => {
      let congested = true
      const { model, coalescer, deltas: fast } = setup()
      const slow = receiverOf(coalescer, 'slow-socket', { canSend: () => !congested })
      model.ingest(msg('a', '1'))
      coalescer.tick()
      for (let i = 0; i < 5; i++) {
        model.ingest(msg('a', `${i}`))
        model.ingest(msg(`b/${i}`, 'x'))
        coalescer.tick()
      }
      expect(fast.map((d) => [d.seq, d.reset])).toEqual([[1, true], [2, false], [3, false], [4, false], [5, false], [6, false]])
      expect(slow.deltas).toEqual([])
      congested = false
      coalescer.tick()
      const [caughtUp] = slow.deltas as [ModelDelta]
      // One delta with everything that changed meanwhile, each topic once, and what it skipped, measured.
      expect(caughtUp).toMatchObject({ seq: 1, reset: true })
      expect(slow.topics[0]).toEqual(['a', 'b/0', 'b/1', 'b/2', 'b/3', 'b/4'])
      expect(field(caughtUp, 0, 'messageCount')).toBe(6)
      expect(caughtUp.stats.skippedFrames).toBe(6)
      expect(fast.every((d) => d.stats.skippedFrames === 0)).toBe(true)
      model.ingest(msg('b/9', 'y'))
      coalescer.tick()
      expect(slow.deltas.at(-1)).toMatchObject({ seq: 2, reset: false, names: ['b/9'] })
      expect(fast.at(-1)).toMatchObject({ seq: 7, reset: false, names: ['b/9'] })
    })

    it('waits for a receiver that stops confirming, and goes on when it confirms or asks to start over', () => {
      const { model, coalescer } = setup()
      const silent = receiverOf(coalescer, 'busy-page', { acks: false })
      for (let i = 0; i < MAX_UNACKED_DELTAS + 3; i++) {
        model.ingest(msg('t', `${i}`))
        coalescer.tick()
      }
      expect(silent.deltas.map((d) => d.seq)).toEqual(Array.from({ length: MAX_UNACKED_DELTAS }, (_, i) => i + 1))
      // Room for one more.
      coalescer.stream('busy-page')?.ack(1)
      coalescer.tick()
      expect(silent.deltas).toHaveLength(MAX_UNACKED_DELTAS + 1)
      // The newest value, with the frames it could not take counted.
      expect(Buffer.from(silent.deltas.at(-1)!.previews).toString()).toBe(`${MAX_UNACKED_DELTAS + 2}`)
      expect(silent.deltas.at(-1)!.stats.skippedFrames).toBe(3)
      model.ingest(msg('t', 'more'))
      coalescer.tick()
      coalescer.tick()
      expect(silent.deltas).toHaveLength(MAX_UNACKED_DELTAS + 1)
      // A reloaded page never confirms what the old one got: starting over frees the stream.
      coalescer.attach(silent.receiver)
      coalescer.tick()
      expect(silent.deltas.at(-1)).toMatchObject({ reset: true, names: ['t'] })
    })

    it('tells a receiver that was behind about a removed topic whose id another took, by name', () => {
      let congested = false
      const { model, coalescer, topics: fast } = setup()
      const slow = receiverOf(coalescer, 'slow', { canSend: () => !congested })
      model.ingest(msg('old', 'v', { retain: true }))
      coalescer.tick()
      congested = true
      model.ingest(msg('old', 'w', { retain: true }))
      coalescer.tick()
      model.ingest(msg('old', '', { retain: true }))
      model.ingest(msg('new', 'v'))
      coalescer.tick()
      expect(model.topics.get('new')?.id).toBe(0)
      congested = false
      coalescer.tick()
      expect(slow.deltas.at(-1)).toMatchObject({ seq: 2, removed: ['old'], names: ['new'], nameIds: [0] })
      expect(slow.topics.at(-1)).toEqual(['new'])
      expect(fast.slice(1)).toEqual([['old'], ['new']])
    })

    it('drops the stream of a receiver that closed', () => {
      const { model, coalescer } = setup()
      const gone = receiverOf(coalescer, 'closed-tab')
      model.ingest(msg('t', '1'))
      coalescer.tick()
      gone.close()
      model.ingest(msg('t', '2'))
      coalescer.tick()
      expect(gone.deltas).toHaveLength(1)
      expect(coalescer.stream('closed-tab')).toBeUndefined()
    })
  })
})
