import type { ModelDelta, WatchedSeriesPoints } from '@shared/contract'

/** Who takes one watch's points (a chart's feed), and what it does when its connection's stream starts over. */
export interface SeriesListener {
  points(series: readonly WatchedSeriesPoints[]): void
  /** The stream reset (a resync, or the model was cleared): main may have lost the watch or sent points the page skipped. */
  reset(): void
}

const listeners = new Map<string, Map<string, SeriesListener>>()

/** Listens for the points of one watch (model:watchSeries) in its connection's deltas; returns the way to stop. */
export function listenSeries(connectionId: string, watchId: string, listener: SeriesListener): () => void {
  let ofConnection = listeners.get(connectionId)
  if (!ofConnection) listeners.set(connectionId, (ofConnection = new Map()))
  ofConnection.set(watchId, listener)
  return () => {
    if (ofConnection.get(watchId) !== listener) return
    ofConnection.delete(watchId)
    if (ofConnection.size === 0) listeners.delete(connectionId)
  }
}

/** Hands an applied delta's series points to their listeners (after its topics, so a chart never runs ahead of the tree). */
export function deliverSeries(delta: ModelDelta): void {
  const ofConnection = listeners.get(delta.connectionId)
  if (!ofConnection) return
  if (delta.reset) for (const listener of ofConnection.values()) listener.reset()
  if (delta.series) for (const update of delta.series) ofConnection.get(update.watchId)?.points(update.series)
}
