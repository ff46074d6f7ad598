// Numbers read straight from payload bytes: a chart's back-fill reads 100,000 payloads, and decoding each
// to a string first costs more than the whole budget of 20 ms. Anything unusual goes back to the caller.

/** Exact doubles 1e0 … 1e22: a mantissa below 2^53 scaled by one of them is rounded correctly. */
const POWERS = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`))
const MAX_FAST_DIGITS = 15

const isSpace = (byte: number): boolean => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)
const isDigit = (byte: number): boolean => byte >= 0x30 && byte <= 0x39

/** The bytes spell `word` (ASCII) at `start`, and nothing else before `end`. */
export function spells(bytes: Uint8Array, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false
  for (let i = 0; i < word.length; i++) if (bytes[start + i] !== word.charCodeAt(i)) return false
  return true
}

/**
 * Bytes [start, end) as number text (decimal, surrounding ASCII spaces allowed) or true/false: the number,
 * NaN when it is neither (a gap), or undefined when the bytes hold a quote, backslash or non-ASCII and need decoding.
 */
export function numberFromBytes(bytes: Uint8Array, start: number, end: number): number | undefined {
  while (start < end && isSpace(bytes[start] as number)) start++
  while (end > start && isSpace(bytes[end - 1] as number)) end--
  if (start === end) return Number.NaN
  // Every read below stays within [start, end): a read past a typed array's end would slow every call after it.
  let at = start
  let byte = bytes[at] as number
  if (byte === 0x74 || byte === 0x66) return spells(bytes, start, end, 'true') ? 1 : spells(bytes, start, end, 'false') ? 0 : rest(bytes, start, end)
  const sign = byte === 0x2d ? -1 : 1
  if (byte === 0x2d || byte === 0x2b) at++
  let mantissa = 0
  let digits = 0
  let significant = 0
  let scale = 0
  for (; at < end; at++, digits++) {
    byte = bytes[at] as number
    if (!isDigit(byte)) break
    if (significant < MAX_FAST_DIGITS) {
      mantissa = mantissa * 10 + (byte - 0x30)
      if (mantissa > 0) significant++
    } else scale++
  }
  if (at < end && bytes[at] === 0x2e) {
    for (at++; at < end; at++, digits++) {
      byte = bytes[at] as number
      if (!isDigit(byte)) break
      if (significant >= MAX_FAST_DIGITS) continue
      mantissa = mantissa * 10 + (byte - 0x30)
      if (mantissa > 0) significant++
      scale--
    }
  }
  if (digits === 0) return rest(bytes, start, end)
  if (at < end && (bytes[at] === 0x65 || bytes[at] === 0x45)) {
    let exponentSign = 1
    at++
    if (at < end && (bytes[at] === 0x2d || bytes[at] === 0x2b)) exponentSign = bytes[at++] === 0x2d ? -1 : 1
    const from = at
    let exponent = 0
    for (; at < end && isDigit(bytes[at] as number); at++) exponent = Math.min(exponent * 10 + ((bytes[at] as number) - 0x30), 100_000)
    if (at === from) return rest(bytes, start, end)
    scale += exponentSign * exponent
  }
  if (at !== end) return rest(bytes, start, end)
  if (mantissa === 0) return sign * 0
  // Beyond the exact range of one scaling, the text is read the way JavaScript reads it.
  if (significant >= MAX_FAST_DIGITS || scale > 22 || scale < -22) return textNumber(bytes, start, end)
  return sign * (scale >= 0 ? mantissa * (POWERS[scale] as number) : mantissa / (POWERS[-scale] as number))
}

/** Not number text: a gap, unless a quote, backslash or non-ASCII byte means the caller must decode the text. */
function rest(bytes: Uint8Array, start: number, end: number): number | undefined {
  for (let i = start; i < end; i++) if ((bytes[i] as number) >= 0x80 || bytes[i] === 0x22 || bytes[i] === 0x5c) return undefined
  return Number.NaN
}

/** ASCII number text checked by numberFromBytes, read by Number(). */
function textNumber(bytes: Uint8Array, start: number, end: number): number {
  let text = ''
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i] as number)
  const number = Number(text)
  return Number.isFinite(number) ? number : Number.NaN
}
