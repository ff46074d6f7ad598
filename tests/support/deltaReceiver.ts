// A receiver of the delta stream for tests and benches, standing where a window or a page's socket stands.
import type { ModelDelta } from '../../src/shared/contract'
import type { DeltaReceiver } from '../../src/main/ports/deltaReceiver'

/** A receiver that is always open and ready; `send` gets each delta (dropped when left out). */
export function testReceiver(id = 'test', send: (delta: ModelDelta) => void = () => undefined): DeltaReceiver {
  return { id, isOpen: () => true, canSend: () => true, send }
}
