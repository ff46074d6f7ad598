import { decode } from '@msgpack/msgpack'
import { summaryLine, type PayloadDecoder } from './types'
import { plainTree, stringifyValue } from './valueTree'

/** MessagePack through @msgpack/msgpack, 64-bit integers exact; chosen by the user or a pin, never guessed. */
export const msgpackDecoder: PayloadDecoder = {
  id: 'msgpack',
  label: 'MessagePack',
  detects: () => false,
  decode({ bytes }) {
    let value: unknown
    try {
      value = plainTree(decode(bytes, { useBigInt64: true, mapKeyConverter: (key) => key as string }))
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      return { ok: false, decoder: 'msgpack', error: `This payload is not valid MessagePack (${detail}). Try another decoder.` }
    }
    return { ok: true, decoder: 'msgpack', decoded: { kind: 'value', value }, summary: summaryLine(stringifyValue(value)) }
  }
}
