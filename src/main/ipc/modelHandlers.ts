import type { ProfileDecoders } from '../../shared/decoders'
import type { ModelService } from '../model'
import { history, message } from '../model/queries'
import { sparkplugHistory } from '../model/sparkplugHistory'
import type { Handler } from './handlerTable'

/** The model:* requests, mapped onto the model service. */
export type ModelHandlers = {
  'model:history': Handler<'model:history'>
  'model:message': Handler<'model:message'>
  'model:sparkplug': Handler<'model:sparkplug'>
  'model:search': Handler<'model:search'>
  'model:topTalkers': Handler<'model:topTalkers'>
  'model:cancelSearch': Handler<'model:cancelSearch'>
  'model:clearRetained': Handler<'model:clearRetained'>
  'model:cancelClearRetained': Handler<'model:cancelClearRetained'>
  'model:openStream': Handler<'model:openStream'>
  'model:ack': Handler<'model:ack'>
  'model:resync': Handler<'model:resync'>
  'model:clear': Handler<'model:clear'>
}

/** The ready decoder settings of the profile a connection was opened from; undefined when it has none. */
export type DecodersOf = (connectionId: string) => ProfileDecoders | undefined

export function modelHandlers(service: ModelService, decodersOf: DecodersOf): ModelHandlers {
  const previewBytes = (): number => service.currentSettings().previewBytes
  return {
    'model:history': ({ connectionId, topic, beforeSeq, limit }) => history(service.view(connectionId), topic, beforeSeq, limit, previewBytes()),
    'model:message': ({ connectionId, topic, seq }) => message(service.view(connectionId), topic, seq),
    'model:sparkplug': ({ connectionId, topic, seq }) => sparkplugHistory(service.view(connectionId), topic, seq),
    'model:search': async ({ connectionId, searchId, ...query }) => ({ connectionId, searchId, ...(await service.search(connectionId, searchId, { ...query, decoders: decodersOf(connectionId) })) }),
    'model:topTalkers': ({ connectionId, window, order, limit }) => service.topTalkers(connectionId, window, order, limit),
    'model:cancelSearch': ({ searchId }) => ({ cancelled: service.searches.cancel(searchId) }),
    'model:clearRetained': ({ connectionId, operationId, path, subtree }) => service.clearRetained(connectionId, operationId, path, subtree),
    'model:cancelClearRetained': ({ operationId }) => ({ cancelled: service.cancelClearRetained(operationId) }),
    'model:openStream': (_args, caller) => ({ connections: service.openStream(caller) }),
    'model:ack': ({ acks }, caller) => {
      service.ack(caller.id, acks)
      return { acknowledged: acks.length }
    },
    'model:resync': ({ connectionId }, caller) => ({ topicCount: service.resync(connectionId, caller) }),
    'model:clear': ({ connectionId }) => ({ cleared: service.clear(connectionId) })
  }
}
