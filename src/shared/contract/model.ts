/** The message model's requests and events (history, tree paging, search, clear retained, deltas). */
export const modelRequests = {} as const

export const modelEvents = {} as const
