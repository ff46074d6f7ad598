import type { MainEvents } from '@shared/contract'
import { api, events } from './api'

/** The built-in broker in main: start, stop and its status. */
export const brokerService = api.broker

/** The built-in broker's status, once a second while it runs; only once main is connected. */
export function brokerEvents(): MainEvents['broker'] {
  return events().broker
}
