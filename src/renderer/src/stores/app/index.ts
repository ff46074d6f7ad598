import { create } from 'zustand'
import { createAppActions, type AppActions } from './actions'
import { initialAppState, type AppState } from './initialState'

export type AppStore = AppState & AppActions

/** What the back end can do (desktop app or headless server). */
export const useAppStore = create<AppStore>()((set, get) => ({ ...initialAppState, ...createAppActions(set, get) }))

export { initialAppState, type AppState } from './initialState'
