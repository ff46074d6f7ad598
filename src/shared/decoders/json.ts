import { utf8DecodeStrict } from '../bytes'
import { SUMMARY_LENGTH, summaryLine, type PayloadDecoder } from './types'
import { summarizeValue } from './valueTree'

// A JSON document starts with one of these after whitespace; plain numbers and words are left to Text so a
// sensor's "21.5" or "ON" is not dressed up as JSON.
const JSON_START = /^\s*[[{"]/

/** JSON text (UTF-8); the summary is the compact form. */
export const jsonDecoder: PayloadDecoder = {
  id: 'json',
  label: 'JSON',
  detects({ bytes }) {
    const text = utf8DecodeStrict(bytes)
    if (text === null || !JSON_START.test(text)) return false
    try {
      JSON.parse(text)
      return true
    } catch {
      return false
    }
  },
  decode({ bytes }) {
    const text = utf8DecodeStrict(bytes)
    if (text === null) return { ok: false, decoder: 'json', error: 'This payload is not JSON: it is not valid UTF-8 text. Try Hex, CBOR or MessagePack.' }
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      return { ok: false, decoder: 'json', error: `This payload is not valid JSON (${detail}). Try Text.` }
    }
    return { ok: true, decoder: 'json', decoded: { kind: 'value', value }, summary: summaryLine(summarizeValue(value, SUMMARY_LENGTH)) }
  }
}
