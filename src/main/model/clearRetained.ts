import { UserFacingError, type ClearRetainedProgress, type QoS } from '../../shared/contract'
import type { ConnectionModel } from './connectionModel'

/** Publishes one message and settles when the broker acknowledged it (the engine's publish fits). */
export type PublishFn = (connectionId: string, message: { topic: string; payload: Uint8Array; qos: QoS; retain: boolean }) => Promise<unknown>

/** Publishes kept in flight at once: enough to hide the round trip, few enough for the broker's inflight limits. */
const IN_FLIGHT = 100
const PROGRESS_INTERVAL_MS = 100
const EMPTY = new Uint8Array(0)

/**
 * Clears retained values by publishing empty retained messages at QoS 1, pipelined, and removes each
 * topic from the model once the broker acknowledged it. Progress is reported at most every 100 ms.
 */
export class ClearRetainedRunner {
  private readonly running = new Map<string, { cancelled: boolean }>()

  constructor(
    private readonly publish: PublishFn,
    private readonly onProgress: (progress: ClearRetainedProgress) => void,
    private readonly now: () => number = Date.now
  ) {}

  /** Clears `topics`; resolves with the final progress (also sent as the last progress event). */
  async run(connectionId: string, model: ConnectionModel, operationId: string, topics: readonly string[]): Promise<ClearRetainedProgress> {
    if (this.running.has(operationId)) throw new UserFacingError('already-exists', `A clear with id "${operationId}" is already running; use a new id.`)
    const state = { cancelled: false }
    this.running.set(operationId, state)
    const progress: ClearRetainedProgress = { connectionId, operationId, total: topics.length, cleared: 0, failed: 0, done: false, cancelled: false }
    let next = 0
    let lastReport = 0
    const report = (): void => {
      const now = this.now()
      if (now - lastReport < PROGRESS_INTERVAL_MS) return
      lastReport = now
      this.onProgress({ ...progress })
    }
    const worker = async (): Promise<void> => {
      while (!state.cancelled && next < topics.length) {
        const topic = topics[next++] as string
        try {
          await this.publish(connectionId, { topic, payload: EMPTY, qos: 1, retain: true })
          model.forgetCleared(topic, this.now())
          progress.cleared++
        } catch (error) {
          progress.failed++
          progress.error ??= error instanceof Error ? error.message : String(error)
        }
        report()
      }
    }
    try {
      await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, topics.length) }, worker))
    } finally {
      this.running.delete(operationId)
    }
    progress.done = true
    progress.cancelled = state.cancelled
    this.onProgress({ ...progress })
    return progress
  }

  /** Stops issuing publishes for an operation; those in flight still complete. False when none runs. */
  cancel(operationId: string): boolean {
    const state = this.running.get(operationId)
    if (!state) return false
    state.cancelled = true
    return true
  }
}
