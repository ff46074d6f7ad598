import type { ClearRetainedProgress, MainEvents, SearchProgress } from '@shared/contract'
import { api, events } from './api'

/** The message model in main: history pages, whole payloads, searches, forgetting, clearing retained values, resync. */
export const modelService = api.model

/** Model events (deltas, clear progress); only once main is connected. */
export function modelEvents(): MainEvents['model'] {
  return events().model
}

/** Calls `listener` with the progress of one clear-retained operation; returns a function that stops listening. */
export function onClearProgress(operationId: string, listener: (progress: ClearRetainedProgress) => void): () => void {
  return events().model.clearProgress((progress) => {
    if (progress.operationId === operationId) listener(progress)
  })
}

/** Calls `listener` with the matches of one running search as main finds them; returns a function that stops listening. */
export function onSearchProgress(searchId: string, listener: (progress: SearchProgress) => void): () => void {
  return events().model.searchProgress((progress) => {
    if (progress.searchId === searchId) listener(progress)
  })
}
