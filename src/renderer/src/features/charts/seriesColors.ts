/** One colour per series slot, readable on the light and the dark theme. */
export const SERIES_COLORS = ['#2f7ed8', '#e4572e', '#17a34a', '#a855f7', '#d97706', '#0891b2', '#db2777', '#65a30d', '#6366f1', '#0f766e'] as const
