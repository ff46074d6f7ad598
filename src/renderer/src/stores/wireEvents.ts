import { events } from '../services/api'
import { useAppStore } from './app'
import { useConnectionsStore } from './connections'
import { useProfilesStore } from './profiles'

/** Routes main's events into the stores; returns a function that stops listening. */
export function wireStoreEvents(): () => void {
  const bus = events()
  const stops = [
    bus.connection.status((status) => useConnectionsStore.getState().applyStatus(status)),
    bus.profile.changed(({ profiles }) => useProfilesStore.getState().replaceAll(profiles)),
    bus.profile.notice((notice) => useProfilesStore.getState().addNotice(notice)),
    bus.app.menu(({ command }) => useAppStore.getState().runMenuCommand(command))
  ]
  return () => stops.forEach((stop) => stop())
}
