import { useStore } from 'zustand'
import type { ClientModel } from './clientModel'
import { getClientModel } from './registry'

/** Re-renders the caller at most once per frame while deltas arrive; returns the model's version. */
export function useModelVersion(connectionId: string): number {
  return useStore(getClientModel(connectionId).store, (state) => state.version)
}

/** The connection's client model, re-rendering at most once per frame; read it during render only. */
export function useClientModel(connectionId: string): ClientModel {
  useModelVersion(connectionId)
  return getClientModel(connectionId)
}
