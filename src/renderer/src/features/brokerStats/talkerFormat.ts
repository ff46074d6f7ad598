import { formatByteSize } from '../../lib/bytes'

/** "0.4 msg/s", "12 msg/s", "12,345 msg/s". */
export function formatMessageRate(perSecond: number): string {
  const value = perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond).toLocaleString('en')
  return `${value} msg/s`
}

/** "512 B/s", "1.5 KB/s". */
export function formatByteRate(perSecond: number): string {
  return `${formatByteSize(Math.round(perSecond))}/s`
}

/** The points of a sparkline of `values` in a `width`×`height` box, highest value at the top. */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length < 2) return ''
  const max = Math.max(...values, 1)
  const step = width / (values.length - 1)
  return values.map((value, i) => `${(i * step).toFixed(1)},${(height - (value / max) * height).toFixed(1)}`).join(' ')
}
