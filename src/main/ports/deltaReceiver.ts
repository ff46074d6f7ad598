import type { ModelDelta } from '../../shared/contract'

/**
 * One receiver of the delta stream: an Electron window or a browser's socket. It is also who sends requests, so
 * model:openStream, model:ack and model:resync act on the caller's own stream and never on another's.
 */
export interface DeltaReceiver {
  /** Stable while the receiver lives (a window's or a socket's id). */
  readonly id: string
  /** False once it is gone for good (window destroyed, socket closed): its streams are dropped. */
  isOpen(): boolean
  /** False while its transport is congested: the frame is skipped for this receiver alone. */
  canSend(): boolean
  send(delta: ModelDelta): void
}
