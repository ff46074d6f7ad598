import type { ModelService } from '../model'
import { seriesQuery } from '../model/seriesQuery'
import type { Handler } from './handlerTable'
import type { DecodersOf } from './modelHandlers'

/** The requests charts make: series from main's history. */
export type ChartHandlers = {
  'model:series': Handler<'model:series'>
}

export function chartHandlers(service: ModelService, decodersOf: DecodersOf): ChartHandlers {
  return {
    // A series left on `auto` decodes as the connection's profile says for its topic, as search does.
    'model:series': ({ connectionId, series, since, limit }) => ({ series: seriesQuery(service.view(connectionId), series, since, limit, decodersOf(connectionId)) })
  }
}
