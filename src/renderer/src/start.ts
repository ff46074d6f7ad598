import { startModelStream } from './model'
import { connectToMain } from './services/app'
import { connectionService } from './services/connection'
import { modelEvents, modelService } from './services/model'
import { useAppStore } from './stores/app'
import { useConnectionsStore } from './stores/connections'
import { useProfilesStore } from './stores/profiles'
import { wireStoreEvents } from './stores/wireEvents'

/** Connects to main (preload or WebSocket), routes its events into the stores and loads the profiles. */
export async function startApp(): Promise<void> {
  await connectToMain()
  wireStoreEvents()
  startModelStream(modelEvents(), {
    // A gap in a connection's deltas: ask main for the whole model again.
    resync: (connectionId) => void modelService.resync({ connectionId }).catch(() => undefined),
    // Lost only when main is gone; the page then reloads and opens its stream again.
    ack: (acks) => void modelService.ack({ acks }).catch(() => undefined)
  })
  // Listening now: main starts this page's stream with a reset of every connection.
  await modelService.openStream({})
  await Promise.all([useProfilesStore.getState().load(), useAppStore.getState().loadCapabilities()])
  // Connections left open by an earlier page get their tabs back; failing that only costs those tabs.
  await connectionService
    .list({})
    .then(({ connections }) => useConnectionsStore.getState().adopt(connections))
    .catch(() => undefined)
}
