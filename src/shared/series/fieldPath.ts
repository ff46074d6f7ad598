/** One step into a JSON value: an object key or an array index. */
export type FieldStep = string | number

/** Where a plotted value sits in a payload: no steps is the whole payload. */
export type FieldPath = readonly FieldStep[]

/** Longest path text accepted, so a path in a profile or a request stays small. */
export const MAX_FIELD_PATH_LENGTH = 500

const PLAIN_KEY = /^[^.[\]"\s]+$/

/**
 * Reads a path like `a.b[2].c`, `[0].value` or `sensor["temp.C"]` (a quoted key may hold dots and brackets).
 * An empty text is the whole payload. Returns a sentence saying what is wrong instead of throwing.
 */
export function parseFieldPath(text: string): FieldPath | { error: string } {
  if (text.length > MAX_FIELD_PATH_LENGTH) return { error: `A field path may be at most ${MAX_FIELD_PATH_LENGTH} characters long.` }
  const steps: FieldStep[] = []
  let at = 0
  const fail = (what: string): { error: string } => ({ error: `The field path "${text}" is not valid: ${what} at character ${at + 1}. Write it like a.b[2].c.` })
  while (at < text.length) {
    const char = text[at]
    if (char === '[') {
      const close = text.indexOf(']', at)
      if (text[at + 1] === '"') {
        const end = closingQuote(text, at + 2)
        if (end < 0 || text[end + 1] !== ']') return fail('a quoted key is not closed with "]')
        const key = quotedKey(text.slice(at + 1, end + 1))
        if (key === undefined) return fail('a quoted key has an invalid escape')
        steps.push(key)
        at = end + 2
      } else {
        const digits = close < 0 ? '' : text.slice(at + 1, close)
        if (!/^\d{1,9}$/.test(digits)) return fail('an index must be a whole number in brackets, like [2]')
        steps.push(Number(digits))
        at = close + 1
      }
    } else {
      if (char === '.') {
        if (steps.length === 0) return fail('a path cannot start with "."')
        at++
      } else if (steps.length > 0) return fail('expected "." or "[" between fields')
      const end = nextDelimiter(text, at)
      const key = text.slice(at, end)
      if (!PLAIN_KEY.test(key)) return fail('a field name is empty or holds a space or quote (quote it: ["my key"])')
      steps.push(key)
      at = end
    }
  }
  return steps
}

/** True when parseFieldPath refused the text. */
export function isPathError(parsed: FieldPath | { error: string }): parsed is { error: string } {
  return !Array.isArray(parsed)
}

/** The text of a path, as parseFieldPath reads it back: keys that need it are quoted. */
export function formatFieldPath(path: FieldPath): string {
  let text = ''
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`
    else if (PLAIN_KEY.test(step)) text += text === '' ? step : `.${step}`
    else text += `[${JSON.stringify(step)}]`
  }
  return text
}

/**
 * The value at `path` in a parsed JSON value (or a decoded one), or undefined when it is not there. Lenient
 * where it costs nothing: a numeric key indexes an array and an index reads an object's key of the same digits.
 * A Map (CBOR or MessagePack with non-string keys) is read by the step, or by its number for a numeric key.
 */
export function extractField(value: unknown, path: FieldPath): unknown {
  let current = value
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined
    if (current instanceof Map) {
      const map = current as Map<unknown, unknown>
      current = map.has(step) ? map.get(step) : map.get(typeof step === 'number' ? String(step) : /^\d+$/.test(step) ? Number(step) : undefined)
    } else if (Array.isArray(current)) {
      const index = typeof step === 'number' ? step : /^\d+$/.test(step) ? Number(step) : -1
      current = index >= 0 ? current[index] : undefined
    } else {
      const key = String(step)
      current = Object.hasOwn(current, key) ? (current as Record<string, unknown>)[key] : undefined
    }
  }
  return current
}

function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === '"') return i
  }
  return -1
}

function quotedKey(quoted: string): string | undefined {
  try {
    return JSON.parse(quoted) as string
  } catch {
    return undefined
  }
}

function nextDelimiter(text: string, from: number): number {
  let i = from
  while (i < text.length && text[i] !== '.' && text[i] !== '[') i++
  return i
}
