import type { ProfileDecoders } from '../../shared/decoders'
import type { MainServices } from '../services'
import { appHandlers } from './appHandlers'
import { brokerHandlers } from './brokerHandlers'
import { chartHandlers } from './chartHandlers'
import { connectionHandlers } from './connectionHandlers'
import { createProfileHandlers } from './profileHandlers'
import { peerImportHandlers } from './peerImportHandlers'
import { modelHandlers } from './modelHandlers'
import { recordingHandlers } from './recordingHandlers'
import { sequenceHandlers } from './sequenceHandlers'
import type { HandlerTable } from './handlerTable'

/** The full handler table: one object per domain, merged; a missing request is a type error. */
export function createHandlerTable(services: MainServices): HandlerTable {
  const decodersOf = (connectionId: string): ProfileDecoders | undefined => services.sessions.decodersOf(connectionId) ?? services.browser.decodersOf(connectionId)
  return {
    ...connectionHandlers(services.connections, services.sessions, services.simulations, services.requests, services.profiles.library),
    ...createProfileHandlers(services.profiles, services.sessions),
    ...peerImportHandlers(services.peerImport),
    ...modelHandlers(services.model, decodersOf),
    ...recordingHandlers(services.recordings, services.replays, services.browser),
    ...chartHandlers(services.model, decodersOf),
    ...sequenceHandlers(services.sequences),
    ...brokerHandlers(services.broker),
    ...appHandlers(services.pickFiles, services.peerImport.canDiscover)
  }
}
