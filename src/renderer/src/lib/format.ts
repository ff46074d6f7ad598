// The one place numbers become text with their units: counts with thousands separators, bytes as KB/MB/GB,
// rates per second or minute, durations as d/h/min/s. The locale is fixed to English until the UI has languages.

const LOCALE = 'en-US'
const whole = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 })
const oneDecimal = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 })

/** "12,345"; fractions rounded. */
export function formatCount(value: number): string {
  return whole.format(value)
}

/** "512 B", "1.5 KB", "12.3 MB", "2.0 GB" (1 KB = 1,024 bytes). */
export function formatBytes(bytes: number): string {
  const units = ['KB', 'MB', 'GB', 'TB']
  if (Math.abs(bytes) < 1024) return `${whole.format(bytes)} B`
  let value = bytes / 1024
  let unit = 0
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${oneDecimal.format(value)} ${units[unit]}`
}

/** "0.4 msg/s", "12 msg/s", "12,345 msg/s": a tenth below 10, whole numbers above. */
export function formatRate(perUnit: number, what: string, per: 's' | 'min' = 's'): string {
  return `${perUnit < 10 ? oneDecimal.format(perUnit) : whole.format(perUnit)} ${what}/${per}`
}

/** "512 B/s", "1.5 KB/min". */
export function formatByteRate(bytesPerUnit: number, per: 's' | 'min' = 's'): string {
  return `${formatBytes(Math.round(bytesPerUnit))}/${per}`
}

/** "45 s", "3 min 5 s", "2 h 4 min", "3 d 2 h": the two largest units. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds))
  const parts: Array<[number, string]> = [
    [Math.floor(total / 86_400), 'd'],
    [Math.floor((total % 86_400) / 3_600), 'h'],
    [Math.floor((total % 3_600) / 60), 'min'],
    [total % 60, 's']
  ]
  const first = parts.findIndex(([value]) => value > 0)
  if (first === -1) return '0 s'
  return parts
    .slice(first, first + 2)
    .filter(([value], i) => i === 0 || value > 0)
    .map(([value, unit]) => `${whole.format(value)} ${unit}`)
    .join(' ')
}
