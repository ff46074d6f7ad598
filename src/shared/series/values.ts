import { utf8DecodeStrict } from '../bytes'
import { extractField, type FieldPath } from './fieldPath'

// A plotted value is a number; anything that is not one is a gap (NaN in a series' values column), never an error.

/** Decimal number text as people write it: no hex, no "Infinity", no empty text (Number() takes all three). */
const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/

/** The number a text reads as: decimal numbers, and true/false as 1/0; NaN (a gap) for anything else. */
export function parseNumberText(text: string): number {
  const trimmed = text.trim()
  if (NUMBER_TEXT.test(trimmed)) return Number(trimmed)
  if (trimmed === 'true') return 1
  if (trimmed === 'false') return 0
  return Number.NaN
}

/** A decoded value as a plotted number: numbers, booleans as 0/1, numeric strings; NaN (a gap) for the rest. */
export function plotNumber(value: unknown): number {
  switch (typeof value) {
    case 'number': return Number.isFinite(value) ? value : Number.NaN
    case 'boolean': return value ? 1 : 0
    case 'string': return parseNumberText(value)
    case 'bigint': return Number(value)
    default: return Number.NaN
  }
}

/**
 * The number a payload holds at `path`: with no steps, the payload as number text, true/false, or a JSON
 * number or numeric string; with steps, a field of a JSON payload. NaN (a gap) when there is none.
 */
export function payloadNumber(bytes: Uint8Array, path: FieldPath): number {
  const text = utf8DecodeStrict(bytes)
  if (text === null) return Number.NaN
  if (path.length === 0) {
    const plain = parseNumberText(text)
    if (!Number.isNaN(plain) || !text.trimStart().startsWith('"')) return plain
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return Number.NaN
  }
  return plotNumber(extractField(parsed, path))
}
