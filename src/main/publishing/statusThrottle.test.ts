import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { STATUS_MS, StatusThrottle } from './statusThrottle'

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }))
afterEach(() => vi.useRealTimers())

describe('status throttle', () => {
  it('reports at once, then at most every STATUS_MS, and the latest change once the time is up', () => {
    let count = 0
    const reports: number[] = []
    const throttle = new StatusThrottle(() => count, (status) => reports.push(status))
    count = 1
    throttle.changed()
    count = 2
    throttle.changed()
    count = 3
    throttle.changed()
    expect(reports).toEqual([1])
    vi.advanceTimersByTime(STATUS_MS)
    expect(reports).toEqual([1, 3])
    vi.advanceTimersByTime(STATUS_MS * 4)
    expect(reports).toEqual([1, 3])
    count = 4
    throttle.changed()
    expect(reports).toEqual([1, 3, 4])
  })

  it('reports the final status at once and drops the pending one', () => {
    let count = 1
    const reports: number[] = []
    const throttle = new StatusThrottle(() => count, (status) => reports.push(status))
    throttle.changed()
    count = 2
    throttle.changed()
    count = 3
    throttle.final()
    vi.advanceTimersByTime(STATUS_MS * 2)
    expect(reports).toEqual([1, 3])
  })
})
