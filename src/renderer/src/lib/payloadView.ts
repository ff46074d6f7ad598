import type { PayloadFormat } from '@shared/contract'
import { type Bytes, fromBase64, fromHex, toBase64, toHex, utf8Decode, utf8DecodeStrict, utf8Encode } from './bytes'

/** How a payload is shown or typed: the raw bytes are kept, so this can change at any time. */
export type { PayloadFormat }

export const PAYLOAD_FORMATS: readonly PayloadFormat[] = ['json', 'text', 'hex', 'base64']

export const PAYLOAD_FORMAT_LABELS: Record<PayloadFormat, string> = {
  json: 'JSON',
  text: 'Text',
  hex: 'Hex',
  base64: 'Base64'
}

/** The format a payload is best shown in: JSON when it parses, text when it is UTF-8, hex otherwise. */
export function detectPayloadFormat(bytes: Uint8Array): PayloadFormat {
  const text = utf8DecodeStrict(bytes)
  if (text === null) return 'hex'
  const trimmed = text.trim()
  if (trimmed.length > 0 && jsonProblem(trimmed) === null && /^[[{"]/.test(trimmed)) return 'json'
  return 'text'
}

/**
 * The composer format for publishing to a topic whose last payload began with `bytes`: as it is best shown, and
 * JSON for the beginning of a long document (a cut preview does not parse).
 */
export function composerFormatFor(bytes: Uint8Array, truncated: boolean): PayloadFormat {
  const format = detectPayloadFormat(bytes)
  return format === 'text' && truncated && /^\s*[[{]/.test(utf8DecodeStrict(bytes) ?? '') ? 'json' : format
}

/** The payload rendered in a format; JSON that does not parse falls back to the text, unchanged. */
export function renderPayload(bytes: Uint8Array, format: PayloadFormat): string {
  switch (format) {
    case 'hex':
      return toHex(bytes)
    case 'base64':
      return toBase64(bytes)
    case 'text':
      return utf8Decode(bytes)
    case 'json':
      return formatJson(utf8Decode(bytes))
  }
}

/** The Monaco language id for a format. */
export function languageOf(format: PayloadFormat): string {
  return format === 'json' ? 'json' : 'plaintext'
}

/** Why `text` is not valid JSON, as a sentence, or null when it parses. */
export function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text)
    return null
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return `The payload is not valid JSON (${detail}); fix it or switch the format to Text.`
  }
}

/** Pretty-prints JSON with two spaces; returns the text unchanged when it does not parse. */
export function formatJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

/** Turns what the user typed into bytes for a format, or a sentence saying what is wrong. */
export function encodePayload(text: string, format: PayloadFormat): { bytes: Bytes } | { error: string } {
  switch (format) {
    case 'hex':
      return fromHex(text)
    case 'base64':
      return fromBase64(text)
    case 'json': {
      if (text.trim() === '') return { bytes: new Uint8Array(0) }
      const problem = jsonProblem(text)
      return problem ? { error: problem } : { bytes: utf8Encode(text) }
    }
    case 'text':
      return { bytes: utf8Encode(text) }
  }
}

/** Re-expresses the editor text when the user switches format, keeping the same bytes where it can. */
export function convertPayloadText(text: string, from: PayloadFormat, to: PayloadFormat): string {
  if (from === to) return text
  const encoded = from === 'json' ? { bytes: utf8Encode(text) } : encodePayload(text, from)
  if ('error' in encoded) return text
  return renderPayload(encoded.bytes, to)
}

/** A one-line preview for tree rows: at most `max` characters, binary shown as hex. */
export function previewPayload(bytes: Uint8Array, max = 80): string {
  const head = bytes.length > max * 4 ? bytes.subarray(0, max * 4) : bytes
  let text: string
  try {
    // stream: true tolerates a character cut in two at the end of the head.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: head !== bytes })
  } catch {
    return toHex(bytes.subarray(0, Math.ceil(max / 3))).replace(/\n/g, ' ')
  }
  const shown = text.replace(/\s+/g, ' ')
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown
}
