/** "12:03:04.512": a time with milliseconds, in local time. */
export function formatTime(epochMs: number): string {
  const date = new Date(epochMs)
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0')
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}
