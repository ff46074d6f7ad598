import type { ConnectionsState, ConnectionTab } from './initialState'

/** Derived reads of the connections slice. */
export const connectionsSelectors = {
  active: (state: ConnectionsState): ConnectionTab | undefined => state.tabs.find((t) => t.connectionId === state.activeId),
  byId:
    (connectionId: string) =>
    (state: ConnectionsState): ConnectionTab | undefined =>
      state.tabs.find((t) => t.connectionId === connectionId)
}
