import { describe, expect, it } from 'vitest'
import type { ModelDelta } from '../../shared/contract'
import { MAX_UNACKED_DELTAS } from './deltaStream'
import { field, msg, receiverOf, setup } from './test/coalescerKit'

describe('DeltaCoalescer with several receivers', () => {
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
