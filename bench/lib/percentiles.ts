/** p50/p95/p99 and the maximum of a sample, nearest-rank; all zero for an empty sample. */
export interface Percentiles {
  count: number
  p50: number
  p95: number
  p99: number
  max: number
}

export function percentiles(sample: readonly number[]): Percentiles {
  const sorted = [...sample].sort((a, b) => a - b)
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0
  const round = (value: number): number => Math.round(value * 10) / 10
  return { count: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(sorted.at(-1) ?? 0) }
}
