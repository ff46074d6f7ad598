// CBOR and MessagePack decode to Maps (keys may be numbers or bytes); the views want objects where the keys
// allow it. One conversion for both, and one JSON-like printer for every value tree (bigint, bytes, Map).
import { toHex } from '../bytes'

/** Maps whose keys are all strings become plain objects; other Maps stay Maps. Arrays and values pass through. */
export function plainTree(value: unknown): unknown {
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([key, item]) => [key, plainTree(item)] as const)
    return entries.every(([key]) => typeof key === 'string') ? Object.fromEntries(entries) : new Map(entries)
  }
  if (Array.isArray(value)) return value.map(plainTree)
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value
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
