import { Decoder } from '@msgpack/msgpack'
import { SUMMARY_LENGTH, summaryLine, type PayloadDecoder } from './types'
import { plainTree, summarizeValue } from './valueTree'

// One decoder for every payload: creating one per call costs more than decoding a small payload.
const decoder = new Decoder({ useBigInt64: true, mapKeyConverter: (key) => key as string })

/** MessagePack bytes as a value tree, 64-bit integers as bigint. Throws on invalid MessagePack. */
export function decodeMsgpack(bytes: Uint8Array): unknown {
  return decoder.decode(bytes)
}

/** MessagePack through @msgpack/msgpack, 64-bit integers exact; chosen by the user or a pin, never guessed. */
export const msgpackDecoder: PayloadDecoder = {
  id: 'msgpack',
  label: 'MessagePack',
  detects: () => false,
  decode({ bytes }) {
    let value: unknown
    try {
      value = plainTree(decodeMsgpack(bytes))
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      return { ok: false, decoder: 'msgpack', error: `This payload is not valid MessagePack (${detail}). Try another decoder.` }
    }
    return { ok: true, decoder: 'msgpack', decoded: { kind: 'value', value }, summary: summaryLine(summarizeValue(value, SUMMARY_LENGTH)) }
  }
}
