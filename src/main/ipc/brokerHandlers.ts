import type { BrokerService } from '../broker/brokerService'
import type { Handler } from './handlerTable'

/** The broker:* requests, mapped onto the built-in broker service. */
export type BrokerHandlers = {
  'broker:start': Handler<'broker:start'>
  'broker:stop': Handler<'broker:stop'>
  'broker:status': Handler<'broker:status'>
}

export function brokerHandlers(service: BrokerService): BrokerHandlers {
  return {
    'broker:start': (options) => service.start(options),
    'broker:stop': () => service.stop(),
    'broker:status': () => service.status()
  }
}
