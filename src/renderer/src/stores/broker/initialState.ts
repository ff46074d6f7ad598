import type { BrokerStatus } from '@shared/contract'

export interface BrokerState {
  /** As main last reported it; null until first asked. */
  status: BrokerStatus | null
  /** A request in flight (start, stop or opening the tab). */
  busy: boolean
  /** The last failure, as a sentence. */
  error: string | null
}

export const initialBrokerState: BrokerState = { status: null, busy: false, error: null }
