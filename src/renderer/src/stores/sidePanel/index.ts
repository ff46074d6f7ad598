import { create } from 'zustand'

/** What the right side of a connection's screen shows. */
export type SidePanel = 'topic' | 'subscriptions' | 'charts' | 'broker'

export interface SidePanelState {
  /** The panel shown per connection; the topic panel where none was chosen. */
  byConnection: Record<string, SidePanel>
}

export interface SidePanelActions {
  show(connectionId: string, panel: SidePanel): void
}

export const initialSidePanelState: SidePanelState = { byConnection: {} }

/** The side panel of each connection, in a store so a view elsewhere (Plot in the value viewer) can open another. */
export const useSidePanelStore = create<SidePanelState & SidePanelActions>()((set, get) => ({
  ...initialSidePanelState,
  show(connectionId, panel) {
    set({ byConnection: { ...get().byConnection, [connectionId]: panel } })
  }
}))

export const sidePanelSelectors = {
  panel: (connectionId: string) => (state: SidePanelState): SidePanel => state.byConnection[connectionId] ?? 'topic'
}
