import type { ModelService } from '../model'
import { seriesQuery } from '../model/seriesQuery'
import type { Handler } from './handlerTable'

/** The requests charts make: series from main's history. */
export type ChartHandlers = {
  'model:series': Handler<'model:series'>
}

export function chartHandlers(service: ModelService): ChartHandlers {
  return {
    'model:series': ({ connectionId, series, since, limit }) => ({ series: seriesQuery(service.view(connectionId), series, since, limit) })
  }
}
