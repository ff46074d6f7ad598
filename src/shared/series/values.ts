import { utf8DecodeStrict } from '../bytes'
import { extractField, type FieldPath } from './fieldPath'
import { ABSENT, JsonFieldFinder, UNDECIDED } from './jsonField'
import { numberFromBytes } from './numberBytes'

// A plotted value is a number; anything that is not one is a gap (NaN in a series' values column), never an error.

/** Decimal number text as people write it: no hex, no "Infinity", no empty text (Number() takes all three). */
const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/

/** The number a text reads as: decimal numbers, and true/false as 1/0; NaN (a gap) for anything else. */
export function parseNumberText(text: string): number {
  const trimmed = text.trim()
  if (NUMBER_TEXT.test(trimmed)) {
    const number = Number(trimmed)
    return Number.isFinite(number) ? number : Number.NaN
  }
  if (trimmed === 'true') return 1
  if (trimmed === 'false') return 0
  return Number.NaN
}

/** A decoded value as a plotted number: numbers, booleans as 0/1, numeric strings, dates as ms since the epoch; NaN (a gap) for the rest. */
export function plotNumber(value: unknown): number {
  switch (typeof value) {
    case 'number': return Number.isFinite(value) ? value : Number.NaN
    case 'boolean': return value ? 1 : 0
    case 'string': return parseNumberText(value)
    case 'bigint': return Number(value)
    case 'object': return value instanceof Date ? value.getTime() : Number.NaN
    default: return Number.NaN
  }
}

/** Reads the number of one payload, bytes [start, end), at a path fixed in advance. */
export type PayloadReader = (bytes: Uint8Array, start: number, end: number) => number

/**
 * A reader of the number payloads hold at `path`: with no steps, the payload as number text, true/false,
 * or a JSON number or numeric string; with steps, a field of a JSON payload. NaN (a gap) when there is none.
 * The bytes are read in place where they are plain (see numberFromBytes, JsonFieldFinder); the rest is decoded
 * and parsed. The fast path does not check a whole document's UTF-8 or its numbers' JSON syntax, so a
 * malformed payload may plot a value where JSON.parse would refuse it.
 */
export function payloadReader(path: FieldPath): PayloadReader {
  if (path.length === 0) return (bytes, start, end) => numberFromBytes(bytes, start, end) ?? decodedNumber(bytes.subarray(start, end), path)
  const finder = new JsonFieldFinder(path)
  return (bytes, start, end) => {
    const found = finder.find(bytes, start, end)
    if (found === ABSENT) return Number.NaN
    if (found === UNDECIDED) return decodedNumber(bytes.subarray(start, end), path)
    return spanNumber(bytes, finder.start, finder.end) ?? decodedNumber(bytes.subarray(start, end), path)
  }
}

/** The number one payload holds at `path` (see payloadReader). */
export function payloadNumber(bytes: Uint8Array, path: FieldPath): number {
  return payloadReader(path)(bytes, 0, bytes.length)
}

/** The JSON value at bytes [start, end) as a number; undefined when it is a string that needs decoding. */
function spanNumber(bytes: Uint8Array, start: number, end: number): number | undefined {
  const first = bytes[start]
  if (first === 0x7b || first === 0x5b) return Number.NaN
  if (first === 0x22) return numberFromBytes(bytes, start + 1, end - 1)
  return numberFromBytes(bytes, start, end)
}

function decodedNumber(bytes: Uint8Array, path: FieldPath): number {
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
