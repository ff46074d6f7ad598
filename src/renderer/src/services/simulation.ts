import type { MainEvents } from '@shared/contract'
import { api, events } from './api'

/** Device simulations in main: a template published at a rate until stopped. */
export const simulationService = api.simulation

/** Simulation events (counts while running, how it ended); only once main is connected. */
export function simulationEvents(): MainEvents['simulation'] {
  return events().simulation
}
