/** "12:03:04.512": a time with milliseconds, in local time. */
export function formatTime(epochMs: number): string {
  const date = new Date(epochMs)
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0')
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}

/** "2026-12-04 10:15:02.345": the date and the time with milliseconds, in local time. */
export function formatDateTime(epochMs: number): string {
  const date = new Date(epochMs)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${formatTime(epochMs)}`
}
