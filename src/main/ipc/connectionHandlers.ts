import type { connectionRequests, requestReplyRequests, simulationRequests } from '../../shared/contract'
import type { ConnectionManager } from '../mqtt/connectionManager'
import type { ProfileLibrary } from '../profiles'
import type { SessionService } from '../session/sessionService'
import type { RequestReplies } from '../requests/requestReplies'
import type { SimulationService } from '../simulation/simulationService'
import type { HandlerTable } from './handlerTable'

/** The connection:* part of the table: a request added to the contract without its handler is a type error. */
export type ConnectionHandlers = Pick<HandlerTable, keyof typeof connectionRequests | keyof typeof simulationRequests | keyof typeof requestReplyRequests>

/** Maps the contract's connection:* requests onto the engine (and request history onto the profile library); closing and listing go through the sessions, which know each connection's profile. */
export function connectionHandlers(connections: ConnectionManager, sessions: SessionService, simulations: SimulationService, requests: RequestReplies, library: ProfileLibrary): ConnectionHandlers {
  return {
    'connection:disconnect': async ({ connectionId }) => {
      await sessions.disconnect(connectionId)
      return { connectionId }
    },
    'connection:subscribe': async ({ connectionId, subscriptions }) => ({
      results: await connections.subscribe(connectionId, subscriptions)
    }),
    'connection:unsubscribe': async ({ connectionId, filters }) => {
      await connections.unsubscribe(connectionId, filters)
      return { filters }
    },
    'connection:publish': ({ connectionId, topic, payload, qos, retain, properties }) =>
      connections.publish(connectionId, { topic, payload, qos, retain, properties }),
    'connection:list': () => ({ connections: sessions.list() }),
    'simulation:start': (request) => simulations.start(request),
    'simulation:stop': ({ simulationId }) => simulations.stop(simulationId),
    'request:send': (request) => requests.send(request),
    'request:history': ({ profileId }) => ({ entries: library.requestsOf(profileId) }),
    'request:clearHistory': ({ profileId }) => ({ entries: library.clearRequests(profileId) })
  }
}
