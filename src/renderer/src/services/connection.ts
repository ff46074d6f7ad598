import type { MainEvents } from '@shared/contract'
import { api, events } from './api'

/** Broker connections in main: connect, disconnect, subscribe, unsubscribe, publish, list. */
export const connectionService = api.connection

/** Connection events (status changes); only once main is connected. */
export function connectionEvents(): MainEvents['connection'] {
  return events().connection
}
