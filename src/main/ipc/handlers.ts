import type { MainServices } from '../services'
import { appHandlers } from './appHandlers'
import { connectionHandlers } from './connectionHandlers'
import { createProfileHandlers } from './profileHandlers'
import { modelHandlers } from './modelHandlers'
import type { HandlerTable } from './handlerTable'

/** The full handler table: one object per domain, merged; a missing request is a type error. */
export function createHandlerTable(services: MainServices): HandlerTable {
  return {
    ...connectionHandlers(services.connections),
    ...createProfileHandlers(services.profiles, services.connections),
    ...modelHandlers(services.model),
    ...appHandlers(services.pickFiles)
  }
}
