import type { BrokerStatus } from '@shared/contract'
import { initialBrokerForm, type BrokerForm } from './brokerForm'

export interface BrokerState {
  /** As main last reported it; null until first asked. */
  status: BrokerStatus | null
  /** A request in flight (start, stop or opening the tab). */
  busy: boolean
  /** The last failure, as a sentence. */
  error: string | null
  /** The panel's fields, kept here so they survive leaving the Profiles screen. */
  form: BrokerForm
}

export const initialBrokerState: BrokerState = { status: null, busy: false, error: null, form: initialBrokerForm }
