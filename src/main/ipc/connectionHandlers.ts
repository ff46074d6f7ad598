import type { ConnectionManager } from '../mqtt/connectionManager'
import type { Handler } from './handlerTable'

/** The connection:* requests, mapped onto the engine. */
export type ConnectionHandlers = {
  'connection:connect': Handler<'connection:connect'>
  'connection:disconnect': Handler<'connection:disconnect'>
  'connection:subscribe': Handler<'connection:subscribe'>
  'connection:unsubscribe': Handler<'connection:unsubscribe'>
  'connection:publish': Handler<'connection:publish'>
  'connection:list': Handler<'connection:list'>
}

export function connectionHandlers(connections: ConnectionManager): ConnectionHandlers {
  return {
    'connection:connect': async ({ connectionId, options }) => {
      await connections.connect(connectionId, options)
      return { connectionId }
    },
    'connection:disconnect': async ({ connectionId }) => {
      await connections.disconnect(connectionId)
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
    'connection:list': () => ({ connections: connections.list() })
  }
}
