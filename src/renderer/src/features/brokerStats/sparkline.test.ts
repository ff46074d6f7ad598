import { describe, expect, it } from 'vitest'
import { sparklinePoints } from './sparkline'

describe('the sparkline of the connection rate', () => {
  it('draws a sparkline with the highest value at the top, and none for a single value', () => {
    expect(sparklinePoints([0, 5, 10], 100, 20)).toBe('0.0,20.0 50.0,10.0 100.0,0.0')
    expect(sparklinePoints([3], 100, 20)).toBe('')
  })
})
