import type { MainEvents, ModelDelta } from '@shared/contract'
import { getClientModel } from './registry'

/** What the stream needs besides the events: a way to ask main to send a connection's model again. */
export interface ModelStreamOptions {
  /** Called when deltas were missed (a gap in `seq`); should call model:resync for that connection. */
  resync: (connectionId: string) => void
}

/**
 * Feeds `model:delta` events into the client models. A delta after a gap is not applied (it would leave
 * stale topics); instead a resync is asked for once, and deltas are skipped until the reset arrives.
 */
export function startModelStream(events: MainEvents['model'], options: ModelStreamOptions): () => void {
  const awaitingReset = new Set<string>()
  return events.delta((delta: ModelDelta) => {
    const model = getClientModel(delta.connectionId)
    if (!delta.reset) {
      const inOrder = !awaitingReset.has(delta.connectionId) && delta.seq === model.lastSeq + 1
      if (!inOrder) {
        if (!awaitingReset.has(delta.connectionId)) {
          awaitingReset.add(delta.connectionId)
          options.resync(delta.connectionId)
        }
        return
      }
    }
    awaitingReset.delete(delta.connectionId)
    model.apply(delta)
  })
}
