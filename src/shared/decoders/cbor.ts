import { decode, type TagDecoder } from 'cborg'
import { bigIntDecoder, bigNegIntDecoder } from 'cborg/taglib'
import { SUMMARY_LENGTH, summaryLine, type PayloadDecoder } from './types'
import { plainTree, summarizeValue } from './valueTree'

const known: Record<number, TagDecoder> = {
  0: (inner) => ({ tag: 0, value: inner() }),
  2: bigIntDecoder,
  3: bigNegIntDecoder
}

// A tag with no meaning here decodes to { tag, value }, its number kept, instead of failing the whole payload.
const tags = new Proxy(known, {
  get: (target, key) => (typeof key === 'string' && /^\d+$/.test(key) ? (target[Number(key)] ?? ((inner: () => unknown) => ({ tag: Number(key), value: inner() }))) : undefined)
})

const OPTIONS = { useMaps: true, allowUndefined: true, allowInfinity: true, allowNaN: true, allowBigInt: true, tags }

/** CBOR bytes as cborg reads them: every map a Map, 64-bit integers exact, unknown tags kept. Throws on invalid CBOR. */
export function decodeCbor(bytes: Uint8Array): unknown {
  return decode(bytes, OPTIONS)
}

/** CBOR (RFC 8949) through cborg; chosen by the user or a pin, never guessed. */
export const cborDecoder: PayloadDecoder = {
  id: 'cbor',
  label: 'CBOR',
  detects: () => false,
  decode({ bytes }) {
    let value: unknown
    try {
      value = plainTree(decodeCbor(bytes))
    } catch (error) {
      const detail = error instanceof Error ? error.message.replace(/^CBOR decode error: /, '') : String(error)
      return { ok: false, decoder: 'cbor', error: `This payload is not valid CBOR (${detail}). Try another decoder.` }
    }
    return { ok: true, decoder: 'cbor', decoded: { kind: 'value', value }, summary: summaryLine(summarizeValue(value, SUMMARY_LENGTH)) }
  }
}
