// The per-connection message model: flat topic table, tree index, budgeted history, coalesced deltas.
export { ModelService, type ModelServiceOptions } from './modelService'
export type { PublishFn } from './clearRetained'
export type { SearchQuery, SearchResult } from './search'
