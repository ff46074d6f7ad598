// Profiles hold bytes (last-will payloads, template payloads, correlation data). JSON has no bytes type,
// so a Uint8Array is written as {"$base64": "..."} and read back as a Uint8Array.
const BYTES_KEY = '$base64'

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES_KEY]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') }
  return value
}

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value)
    const encoded = (value as Record<string, unknown>)[BYTES_KEY]
    if (keys.length === 1 && typeof encoded === 'string') return new Uint8Array(Buffer.from(encoded, 'base64'))
  }
  return value
}

/** JSON text of a value, with Uint8Arrays kept as base64. */
export function stringifyWithBytes(value: unknown, indent?: number): string {
  return JSON.stringify(value, replacer, indent)
}

/** Parses JSON text written by stringifyWithBytes; throws SyntaxError on broken JSON. */
export function parseWithBytes(text: string): unknown {
  return JSON.parse(text, reviver)
}
