import { appEvents } from '../services/app'
import { brokerEvents } from '../services/broker'
import { connectionEvents } from '../services/connection'
import { profileEvents } from '../services/profile'
import { recordingEvents } from '../services/recording'
import { sequenceEvents } from '../services/sequence'
import { simulationEvents } from '../services/simulation'
import { useAppStore } from './app'
import { useBrokerStore } from './broker'
import { useConnectionsStore } from './connections'
import { useProfilesStore } from './profiles'
import { useRecordingsStore } from './recordings'
import { useSequencesStore } from './sequences'
import { useSimulationsStore } from './simulations'

/** Routes main's events into the stores; returns a function that stops listening. */
export function wireStoreEvents(): () => void {
  const stops = [
    connectionEvents().status((status) => useConnectionsStore.getState().applyStatus(status)),
    profileEvents().changed(({ profiles }) => useProfilesStore.getState().replaceAll(profiles)),
    profileEvents().notice((notice) => useProfilesStore.getState().addNotice(notice)),
    recordingEvents().status((status) => useRecordingsStore.getState().applyStatus(status)),
    recordingEvents().replayStatus((status) => useRecordingsStore.getState().applyReplayStatus(status)),
    simulationEvents().status((status) => useSimulationsStore.getState().apply(status)),
    sequenceEvents().status((status) => useSequencesStore.getState().apply(status)),
    brokerEvents().status((status) => useBrokerStore.getState().applyStatus(status)),
    appEvents().menu(({ command }) => useAppStore.getState().runMenuCommand(command))
  ]
  return () => stops.forEach((stop) => stop())
}
