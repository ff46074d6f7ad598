/** Saved broker profiles: list, save, delete, reorder, export, import. */
export const profileRequests = {} as const

export const profileEvents = {} as const
