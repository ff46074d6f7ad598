import type { MainEvents } from '@shared/contract'
import { api, events } from './api'

/** Sequence runs in main: steps with delays, once, N times or every T. */
export const sequenceService = api.sequence

/** Sequence events (counts while running, how it ended); only once main is connected. */
export function sequenceEvents(): MainEvents['sequence'] {
  return events().sequence
}
