import { describe, expect, it } from 'vitest'
import { formatByteRate, formatBytes, formatCount, formatDuration, formatRate } from './format'

describe('the one formatter of numbers with units', () => {
  it('separates thousands and rounds counts', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(1234567.6)).toBe('1,234,568')
  })

  it('gives bytes in the largest unit that keeps a value of at least 1', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1,023 B')
    expect(formatBytes(1024)).toBe('1.0 KB')
    expect(formatBytes(66128)).toBe('64.6 KB')
    expect(formatBytes(5 * 1024 * 1024 + 300_000)).toBe('5.3 MB')
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GB')
  })

  it('gives rates per second or minute, a tenth below 10', () => {
    expect([0.04, 9.96, 12.4, 12_345.6].map((rate) => formatRate(rate, 'msg'))).toEqual(['0.0 msg/s', '10.0 msg/s', '12 msg/s', '12,346 msg/s'])
    expect(formatRate(12345.4, 'msg')).toBe('12,345 msg/s')
    expect(formatRate(10.21, 'msg', 'min')).toBe('10 msg/min')
    expect(formatByteRate(29251.78, 'min')).toBe('28.6 KB/min')
    expect(formatByteRate(512)).toBe('512 B/s')
  })

  it('gives durations in their two largest units', () => {
    expect(formatDuration(0)).toBe('0 s')
    expect(formatDuration(45)).toBe('45 s')
    expect(formatDuration(185)).toBe('3 min 5 s')
    expect(formatDuration(3600)).toBe('1 h')
    expect(formatDuration(7440)).toBe('2 h 4 min')
    expect(formatDuration(3 * 86_400 + 7_300)).toBe('3 d 2 h')
  })
})
