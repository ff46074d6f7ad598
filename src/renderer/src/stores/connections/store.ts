import { create } from 'zustand'
import { createConnectionsActions, type ConnectionsActions } from './actions'
import { initialConnectionsState, type ConnectionsState } from './initialState'
import { createRecordingTabActions, type RecordingTabActions } from './recordingTabs'

export type ConnectionsStore = ConnectionsState & ConnectionsActions & RecordingTabActions

/** Open connection tabs, and recordings open as tabs. */
export const useConnectionsStore = create<ConnectionsStore>()((set, get) => ({ ...initialConnectionsState, ...createConnectionsActions(set, get), ...createRecordingTabActions(set, get) }))
