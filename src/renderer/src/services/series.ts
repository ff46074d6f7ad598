import type { ArgsOf, ReplyOf } from '@shared/contract'
import { api } from './api'

/** Points of chart series from main's history, as columns (model:series). */
export function fetchSeries(args: ArgsOf<'model:series'>): Promise<ReplyOf<'model:series'>> {
  return api.model.series(args)
}
