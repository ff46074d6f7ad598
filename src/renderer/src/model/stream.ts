import type { MainEvents, ModelDelta } from '@shared/contract'
import { getClientModel } from './registry'
import { deliverSeries } from './seriesListeners'

/** One connection's last applied delta, as main's model:ack takes it. */
export interface AppliedDelta {
  connectionId: string
  seq: number
}

/** What the stream needs besides the events: how to ask main for a connection again, and how to confirm deltas. */
export interface ModelStreamOptions {
  /** Called when deltas were missed (a gap in `seq`); should call model:resync for that connection. */
  resync: (connectionId: string) => void
  /**
   * Called soon after deltas were applied, once for all of them; should call model:ack. Main sends this page a
   * few deltas ahead of its confirmations only, so a busy page gets fewer, larger deltas instead of a backlog.
   */
  ack: (applied: AppliedDelta[]) => void
}

/**
 * Feeds `model:delta` events into the client models. A delta after a gap is not applied (it would leave
 * stale topics); instead a resync is asked for once, and deltas are skipped until the reset arrives.
 */
export function startModelStream(events: MainEvents['model'], options: ModelStreamOptions): () => void {
  const awaitingReset = new Set<string>()
  const applied = new Map<string, number>()
  let ackTimer: ReturnType<typeof setTimeout> | undefined
  const sendAcks = (): void => {
    ackTimer = undefined
    options.ack([...applied].map(([connectionId, seq]) => ({ connectionId, seq })))
    applied.clear()
  }
  const stop = events.delta((delta: ModelDelta) => {
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
    deliverSeries(delta)
    applied.set(delta.connectionId, delta.seq)
    // After the deltas that arrived together: one confirmation for all, sent when this task is done.
    ackTimer ??= setTimeout(sendAcks, 0)
  })
  return () => {
    stop()
    if (ackTimer !== undefined) clearTimeout(ackTimer)
  }
}
