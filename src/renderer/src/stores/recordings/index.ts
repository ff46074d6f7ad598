import { create } from 'zustand'
import { createRecordingsActions, type RecordingsActions } from './actions'
import { initialRecordingsState, type RecordingsState } from './initialState'

export type RecordingsStore = RecordingsState & RecordingsActions

/** Recordings: the active one of each connection and the files on disk. */
export const useRecordingsStore = create<RecordingsStore>()((set, get) => ({ ...initialRecordingsState, ...createRecordingsActions(set, get) }))

export { initialRecordingsState, type RecordingsState } from './initialState'
export type { RecordingRequest } from './actions'
