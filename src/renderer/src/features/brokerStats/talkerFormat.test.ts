import { describe, expect, it } from 'vitest'
import { formatByteRate, formatMessageRate, sparklinePoints } from './talkerFormat'

describe('top talker formats', () => {
  it('says rates with units, one decimal below 10 and thousands separated above', () => {
    expect([0.04, 9.96, 12.4, 12_345.6].map(formatMessageRate)).toEqual(['0.0 msg/s', '10.0 msg/s', '12 msg/s', '12,346 msg/s'])
    expect([512, 1536.4].map(formatByteRate)).toEqual(['512 B/s', '1.5 KB/s'])
  })

  it('draws a sparkline with the highest value at the top, and none for a single value', () => {
    expect(sparklinePoints([0, 5, 10], 100, 20)).toBe('0.0,20.0 50.0,10.0 100.0,0.0')
    expect(sparklinePoints([3], 100, 20)).toBe('')
  })
})
