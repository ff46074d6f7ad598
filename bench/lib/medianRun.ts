import type { SubscriberResult } from '../subscriber'

/** The run with the median rate. */
export function medianRun(runs: SubscriberResult[]): SubscriberResult {
  return [...runs].sort((a, b) => a.messagesPerSecond - b.messagesPerSecond)[runs.length >> 1] as SubscriberResult
}
