import { toBase64, toHex, utf8Decode, utf8DecodeStrict } from '../bytes'
import { summaryLine, type DecodeInput, type DecodeResult, type PayloadDecoder } from './types'

/** How many invalid UTF-8 sequences the text view replaced with U+FFFD (one that was in the bytes is not counted). */
export function invalidUtf8Sequences(bytes: Uint8Array, text: string): number {
  let shown = 0
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) shown++
  let encoded = 0
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) encoded++
  return shown - encoded
}

/** UTF-8 text; invalid bytes show as U+FFFD and are counted, so nothing is hidden. */
export const textDecoder: PayloadDecoder = {
  id: 'text',
  label: 'Text',
  detects: ({ bytes }) => utf8DecodeStrict(bytes) !== null,
  decode({ bytes }: DecodeInput): DecodeResult {
    const text = utf8Decode(bytes)
    const invalidBytes = utf8DecodeStrict(bytes) === null ? invalidUtf8Sequences(bytes, text) : 0
    const note = invalidBytes > 0 ? ` (${invalidBytes} invalid UTF-8 sequence${invalidBytes === 1 ? '' : 's'} shown as �)` : ''
    return { ok: true, decoder: 'text', decoded: { kind: 'text', text, invalidBytes }, summary: summaryLine(text) + note }
  }
}

/** Hex, 16 bytes a line. Always works. */
export const hexDecoder: PayloadDecoder = {
  id: 'hex',
  label: 'Hex',
  detects: () => true,
  decode: ({ bytes }) => {
    const text = toHex(bytes)
    return { ok: true, decoder: 'hex', decoded: { kind: 'bytes', text }, summary: summaryLine(toHex(bytes.subarray(0, 40))) }
  }
}

/** Base64 (RFC 4648). Always works. */
export const base64Decoder: PayloadDecoder = {
  id: 'base64',
  label: 'Base64',
  detects: () => false,
  decode: ({ bytes }) => {
    const text = toBase64(bytes)
    return { ok: true, decoder: 'base64', decoded: { kind: 'bytes', text }, summary: summaryLine(text) }
  }
}
