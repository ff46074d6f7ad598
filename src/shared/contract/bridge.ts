import type { EventName, MainApi, MainBridge, MainEvents, RequestName } from './index'
import type { Result } from './errors'
import { EVENT_NAMES, REQUEST_NAMES } from './names'

// Imports no schema (only names.ts and types), so the preload that uses it stays small.

/**
 * The one proxy builder: `{ domain: { action: make(name, domain, action) } }` for names written
 * `domain:action`. The bridge (preload, WebSocket client) and the renderer's api are both built with it.
 */
export function byDomain<N extends string, F>(names: readonly N[], make: (name: N, domain: string, action: string) => F): Record<string, Record<string, F>> {
  const table: Record<string, Record<string, F>> = {}
  for (const name of names) {
    const [domain, action] = name.split(':') as [string, string]
    ;(table[domain] ??= {})[action] = make(name, domain, action)
  }
  return table
}

/** Builds the named bridge from the contract's names, so a request cannot exist without its function. */
export function buildBridge(
  call: (name: RequestName, args: unknown) => Promise<Result<unknown>>,
  listen: (name: EventName, listener: (payload: unknown) => void) => () => void
): MainBridge {
  const api = byDomain(REQUEST_NAMES, (name) => (args: unknown) => call(name, args))
  const events = byDomain(EVENT_NAMES, (name) => (listener: (payload: unknown) => void) => listen(name, listener))
  return { api: api as unknown as MainApi, events: events as unknown as MainEvents }
}

const requestNames: ReadonlySet<string> = new Set(REQUEST_NAMES)
const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES)

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && requestNames.has(name)
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventNames.has(name)
}
