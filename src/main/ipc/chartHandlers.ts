import type { ModelService } from '../model'
import { seriesQuery } from '../model/seriesQuery'
import type { Handler } from './handlerTable'
import type { DecodersOf } from './modelHandlers'

/** The requests charts make: series from main's history, and their live points in the caller's delta stream. */
export type ChartHandlers = {
  'model:series': Handler<'model:series'>
  'model:watchSeries': Handler<'model:watchSeries'>
  'model:unwatchSeries': Handler<'model:unwatchSeries'>
}

export function chartHandlers(service: ModelService, decodersOf: DecodersOf): ChartHandlers {
  return {
    // A series left on `auto` decodes as the connection's profile says for its topic, as search does.
    'model:series': ({ connectionId, series, since, limit }) => ({ series: seriesQuery(service.view(connectionId), series, since, limit, decodersOf(connectionId)) }),
    'model:watchSeries': ({ connectionId, watchId, series }, caller) => ({ watching: service.watchSeries(connectionId, caller, watchId, series, decodersOf(connectionId)) }),
    'model:unwatchSeries': ({ connectionId, watchId }, caller) => ({ removed: service.unwatchSeries(connectionId, caller.id, watchId) })
  }
}
