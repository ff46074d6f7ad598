import { describe, expect, it } from 'vitest'
import { overflowOf } from './tabOverflow'

describe('the tab strip overflow cue', () => {
  it('marks the ends that hide tabs', () => {
    expect(overflowOf({ scrollLeft: 0, scrollWidth: 500, clientWidth: 500 })).toEqual({ before: false, after: false })
    expect(overflowOf({ scrollLeft: 0, scrollWidth: 900, clientWidth: 500 })).toEqual({ before: false, after: true })
    expect(overflowOf({ scrollLeft: 200, scrollWidth: 900, clientWidth: 500 })).toEqual({ before: true, after: true })
    expect(overflowOf({ scrollLeft: 400, scrollWidth: 900, clientWidth: 500 })).toEqual({ before: true, after: false })
  })
})
