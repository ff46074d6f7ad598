import { create } from 'zustand'
import { createBrokerActions, type BrokerActions } from './actions'
import { initialBrokerState, type BrokerState } from './initialState'

export type BrokerStore = BrokerState & BrokerActions

/** The built-in broker as main reports it, and the panel's requests. */
export const useBrokerStore = create<BrokerStore>()((set, get) => ({ ...initialBrokerState, ...createBrokerActions(set, get) }))

export { BUILT_IN_PROFILE_NAME } from './actions'
export type { BrokerForm } from './brokerForm'
export { initialBrokerState, type BrokerState } from './initialState'
