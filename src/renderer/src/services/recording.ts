import type { MainEvents } from '@shared/contract'
import { api, events } from './api'

/** Recordings in main: start and stop a connection's, list and delete the files. */
export const recordingService = api.recording

/** Recording events (an active recording's counts); only once main is connected. */
export function recordingEvents(): MainEvents['recording'] {
  return events().recording
}
