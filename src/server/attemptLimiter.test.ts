import { describe, expect, it } from 'vitest'
import { AttemptLimiter } from './attemptLimiter'

describe('AttemptLimiter', () => {
  it('blocks an address after the limit of failures and frees it when the window ends', () => {
    let now = 1_000
    const limiter = new AttemptLimiter(3, 60_000, () => now)
    for (let i = 0; i < 3; i++) {
      expect(limiter.isBlocked('10.0.0.1')).toBe(false)
      limiter.recordFailure('10.0.0.1')
    }
    expect(limiter.isBlocked('10.0.0.1')).toBe(true)
    expect(limiter.isBlocked('10.0.0.2')).toBe(false)
    now += 30_000
    expect(limiter.retryAfterMs('10.0.0.1')).toBe(30_000)
    now += 30_000
    expect(limiter.isBlocked('10.0.0.1')).toBe(false)
  })

  it('forgets expired addresses when many new ones fail', () => {
    let now = 0
    const limiter = new AttemptLimiter(1, 1_000, () => now)
    for (let i = 0; i < 2_000; i++) limiter.recordFailure(`a${i}`)
    now = 5_000
    for (let i = 0; i < 2_000; i++) limiter.recordFailure(`b${i}`)
    const size = (limiter as unknown as { windows: Map<string, unknown> }).windows.size
    expect(size).toBeLessThan(4_000)
    expect(limiter.isBlocked('b1999')).toBe(true)
  })
})
