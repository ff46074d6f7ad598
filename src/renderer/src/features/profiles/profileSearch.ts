import type { Profile } from '@shared/contract'

/** Whether a profile matches what was typed in the profile search: every word in its name, address or group. */
export function profileMatches(profile: Profile, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const o = profile.options
  const haystack = `${profile.name} ${o.protocol}://${o.host}:${o.port} ${profile.group ?? ''}`.toLowerCase()
  return words.every((word) => haystack.includes(word))
}

/** The element to focus after an arrow key in the list: the next or previous of `items`, staying at the ends. */
export function nextFocus<T>(items: readonly T[], current: T | null, key: string): T | undefined {
  const at = current === null ? -1 : items.indexOf(current)
  if (key === 'ArrowDown') return items[Math.min(at + 1, items.length - 1)]
  if (key === 'ArrowUp') return at <= 0 ? undefined : items[at - 1]
  if (key === 'Home') return items[0]
  if (key === 'End') return items[items.length - 1]
  return undefined
}
