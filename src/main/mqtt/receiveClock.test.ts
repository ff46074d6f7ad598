import { describe, expect, it } from 'vitest'
import { READS_PER_TICK, ReceiveClock } from './receiveClock'

describe('ReceiveClock', () => {
  it('reads the clock once for a burst of messages, and again after it', async () => {
    let time = 1_000
    let reads = 0
    const clock = new ReceiveClock(() => {
      reads++
      return time++
    })
    const burst = Array.from({ length: 10 }, () => clock.now())
    expect(new Set(burst)).toEqual(new Set([1_000]))
    expect(reads).toBe(1)
    await Promise.resolve()
    expect(clock.now()).toBe(1_001)
    expect(reads).toBe(2)
  })

  it('reads the clock again within a long burst, so no timestamp is more than READS_PER_TICK messages old', () => {
    let time = 0
    const clock = new ReceiveClock(() => ++time)
    const stamps = Array.from({ length: 3 * READS_PER_TICK }, () => clock.now())
    expect(stamps[0]).toBe(1)
    expect(stamps[READS_PER_TICK - 1]).toBe(1)
    expect(stamps[READS_PER_TICK]).toBe(2)
    expect(stamps[3 * READS_PER_TICK - 1]).toBe(3)
  })
})
