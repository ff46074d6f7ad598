/** The points of a sparkline of `values` in a `width`×`height` box, highest value at the top. */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length < 2) return ''
  const max = Math.max(...values, 1)
  const step = width / (values.length - 1)
  return values.map((value, i) => `${(i * step).toFixed(1)},${(height - (value / max) * height).toFixed(1)}`).join(' ')
}
