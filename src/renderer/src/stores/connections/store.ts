import { create } from 'zustand'
import { createConnectionsActions, type ConnectionsActions } from './actions'
import { initialConnectionsState, type ConnectionsState } from './initialState'

export type ConnectionsStore = ConnectionsState & ConnectionsActions

/** Open connection tabs. */
export const useConnectionsStore = create<ConnectionsStore>()((set, get) => ({ ...initialConnectionsState, ...createConnectionsActions(set, get) }))
