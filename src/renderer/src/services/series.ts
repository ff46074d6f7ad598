import type { ArgsOf, ReplyOf } from '@shared/contract'
import { listenSeries, type SeriesListener } from '../model'
import { api } from './api'

/** What a chart needs from main: history as columns, and its live points in the page's delta stream. */
export interface ChartMain {
  series(args: ArgsOf<'model:series'>): Promise<ReplyOf<'model:series'>>
  watch(args: ArgsOf<'model:watchSeries'>): Promise<ReplyOf<'model:watchSeries'>>
  unwatch(args: ArgsOf<'model:unwatchSeries'>): Promise<ReplyOf<'model:unwatchSeries'>>
  listen(connectionId: string, watchId: string, listener: SeriesListener): () => void
}

export const chartMain: ChartMain = {
  series: (args) => api.model.series(args),
  watch: (args) => api.model.watchSeries(args),
  unwatch: (args) => api.model.unwatchSeries(args),
  listen: listenSeries
}
