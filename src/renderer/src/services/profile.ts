import type { MainEvents } from '@shared/contract'
import { api, events } from './api'

/** Saved profiles in main: list, save, order, connect with, export, import, publish history and templates. */
export const profileService = api.profile

/** Profile events (the list changed, a storage notice); only once main is connected. */
export function profileEvents(): MainEvents['profile'] {
  return events().profile
}
