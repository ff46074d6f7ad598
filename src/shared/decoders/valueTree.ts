// CBOR and MessagePack decode to Maps (keys may be numbers or bytes); the views want objects where the keys
// allow it. One conversion for both, and one JSON-like printer for every value tree (bigint, bytes, Map).
import { toHex } from '../bytes'

/** Maps whose keys are all strings become plain objects; other Maps stay Maps. Arrays, dates and values pass through. */
export function plainTree(value: unknown): unknown {
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([key, item]) => [key, plainTree(item)] as const)
    return entries.every(([key]) => typeof key === 'string') ? Object.fromEntries(entries) : new Map(entries)
  }
  if (Array.isArray(value)) return value.map(plainTree)
  // A Date (a MessagePack timestamp) stays one: as an object it would lose its time.
  if (value instanceof Uint8Array || value instanceof Date || value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainTree(item)]))
}

function keyText(key: unknown): string {
  return typeof key === 'string' ? key : stringifyValue(key)
}

/**
 * JSON text for a decoded value tree: bigint as its digits, bytes as `<hex>`, non-string Map keys shown as
 * their JSON text, undefined as null. `indent` 0 gives the one-line form.
 */
export function stringifyValue(value: unknown, indent = 0): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'bigint') return item.toString()
    if (item instanceof Uint8Array) return `<${toHex(item.subarray(0, 64)).replace(/\n/g, ' ')}${item.length > 64 ? ` … ${item.length} bytes` : ''}>`
    if (item instanceof Map) return Object.fromEntries([...item.entries()].map(([k, v]) => [keyText(k), v]))
    if (item instanceof Date) return item.toISOString()
    if (item === undefined) return null
    return item
  }, indent) ?? 'null'
}

/**
 * The start of a value tree's one-line JSON text, at most `max` characters (ending in … when cut): a tree
 * row needs only that much, and a large payload is not written out whole for it.
 */
export function summarizeValue(value: unknown, max: number): string {
  let out = ''
  const put = (text: string): boolean => {
    out += text
    return out.length <= max
  }
  const walk = (item: unknown): boolean => {
    if (item === null || item === undefined) return put('null')
    switch (typeof item) {
      case 'string': return put(JSON.stringify(item.length > max ? item.slice(0, max) : item))
      case 'number': case 'boolean': return put(String(item))
      case 'bigint': return put(item.toString())
      case 'object': break
      default: return put(JSON.stringify(String(item)))
    }
    if (item instanceof Uint8Array) return put(`<${toHex(item.subarray(0, Math.ceil(max / 3))).replace(/\n/g, ' ')}>`)
    if (item instanceof Date) return put(JSON.stringify(item.toISOString()))
    if (Array.isArray(item)) {
      if (!put('[')) return false
      for (let i = 0; i < item.length; i++) if ((i > 0 && !put(',')) || !walk(item[i])) return false
      return put(']')
    }
    const entries: Iterable<[unknown, unknown]> = item instanceof Map ? item.entries() : Object.entries(item)
    if (!put('{')) return false
    let first = true
    for (const [key, entry] of entries) {
      if (!first && !put(',')) return false
      first = false
      if (!put(`${JSON.stringify(keyText(key))}:`) || !walk(entry)) return false
    }
    return put('}')
  }
  return walk(value) ? out : `${out.slice(0, max - 1)}…`
}
