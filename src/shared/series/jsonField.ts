import type { FieldPath } from './fieldPath'

// Finds one field of a JSON payload by walking its bytes, without building the document: JSON.parse of every
// payload of a 100,000-point series would take several times the query's budget.

/** Where the value at a path lies: its bytes are [start, end). */
export interface Span {
  start: number
  end: number
}

/** The payload needs JSON.parse: a key with escapes, or something the walker does not decide. */
export const UNDECIDED = 'undecided'
/** The payload is not valid JSON, or has no value at the path: a gap. */
export const ABSENT = 'absent'

type Found = Span | typeof ABSENT | typeof UNDECIDED

// Byte classes, looked up once per byte: what ends a number or literal, and what cannot be in one.
const SCALAR_END = 1
const SCALAR_BAD = 2
const SCALAR = new Uint8Array(256)
for (const char of ',}] \n\r\t') SCALAR[char.charCodeAt(0)] = SCALAR_END
for (const char of '"{[:') SCALAR[char.charCodeAt(0)] = SCALAR_BAD
// Inside a string: its end, an escape, and control characters JSON does not allow unescaped.
const STRING_END = 1
const STRING_ESCAPE = 2
const STRING_BAD = 3
const STRING = new Uint8Array(256)
STRING.fill(STRING_BAD, 0, 0x20)
STRING[0x22] = STRING_END
STRING[0x5c] = STRING_ESCAPE

class Walker {
  undecided = false
  constructor(
    readonly bytes: Uint8Array,
    public at: number,
    readonly end: number,
    readonly path: FieldPath,
    private readonly keys: readonly Uint8Array[]
  ) {}

  space(): void {
    const bytes = this.bytes
    while (this.at < this.end) {
      const byte = bytes[this.at] as number
      if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return
      this.at++
    }
  }

  /** Walks the value at `at` (spaces skipped); returns the span at `path` below it, or ABSENT. False when malformed. */
  value(depth: number): Span | typeof ABSENT | false {
    this.space()
    const start = this.at
    if (depth === this.path.length) return this.skip() ? { start, end: this.at } : false
    const byte = this.bytes[start]
    if (byte === 0x7b) return this.object(depth)
    if (byte === 0x5b) return this.array(depth)
    return this.skip() ? ABSENT : false
  }

  private object(depth: number): Span | typeof ABSENT | false {
    const bytes = this.bytes
    let found: Span | typeof ABSENT = ABSENT
    this.at++
    this.space()
    if (bytes[this.at] === 0x7d) {
      this.at++
      return found
    }
    for (;;) {
      this.space()
      if (bytes[this.at] !== 0x22) return false
      const keyStart = this.at + 1
      const escaped = this.string()
      if (escaped === undefined) return false
      const matches = this.keyMatches(depth, keyStart, this.at - 1, escaped)
      this.space()
      if (bytes[this.at++] !== 0x3a) return false
      const member = matches ? this.value(depth + 1) : this.skipAfterSpace()
      if (member === false) return false
      // A repeated key: the last one wins, as in JSON.parse.
      if (matches) found = member as Span | typeof ABSENT
      this.space()
      const next = bytes[this.at++]
      if (next === 0x7d) return found
      if (next !== 0x2c) return false
    }
  }

  private array(depth: number): Span | typeof ABSENT | false {
    const bytes = this.bytes
    const step = this.path[depth]
    const index = typeof step === 'number' ? step : /^\d+$/.test(step as string) ? Number(step) : -1
    let found: Span | typeof ABSENT = ABSENT
    this.at++
    this.space()
    if (bytes[this.at] === 0x5d) {
      this.at++
      return found
    }
    for (let i = 0; ; i++) {
      const element = i === index ? this.value(depth + 1) : this.skipAfterSpace()
      if (element === false) return false
      if (i === index) found = element as Span | typeof ABSENT
      this.space()
      const next = bytes[this.at++]
      if (next === 0x5d) return found
      if (next !== 0x2c) return false
    }
  }

  private keyMatches(depth: number, start: number, end: number, escaped: boolean): boolean {
    // An escaped key may spell the one looked for: only JSON.parse can tell.
    if (escaped) {
      this.undecided = true
      return false
    }
    const key = this.keys[depth]
    if (key === undefined || key.length !== end - start) return false
    for (let i = 0; i < key.length; i++) if (this.bytes[start + i] !== key[i]) return false
    return true
  }

  private skipAfterSpace(): true | false {
    this.space()
    return this.skip()
  }

  /** Skips one value at `at`; false when it is not one. */
  private skip(): boolean {
    const bytes = this.bytes
    const byte = bytes[this.at]
    if (byte === 0x22) return this.string() !== undefined
    if (byte === 0x7b || byte === 0x5b) return this.skipContainer()
    const start = this.at
    const end = this.end
    let at = start
    // Literals and numbers end at a delimiter; numberFromBytes or spells() judge the span later.
    for (; at < end; at++) {
      const kind = SCALAR[bytes[at] as number] as number
      if (kind === SCALAR_END) break
      if (kind === SCALAR_BAD) return false
    }
    this.at = at
    return at > start
  }

  /** Skips a string at `at` (its opening quote); whether it held an escape, undefined when unterminated. */
  private string(): boolean | undefined {
    const bytes = this.bytes
    const end = this.end
    let escaped = false
    for (let at = this.at + 1; at < end; at++) {
      const kind = STRING[bytes[at] as number] as number
      if (kind === 0) continue
      if (kind === STRING_END) {
        this.at = at + 1
        return escaped
      }
      if (kind === STRING_BAD) return undefined
      if (kind === STRING_ESCAPE) {
        escaped = true
        at++
      }
    }
    return undefined
  }

  /** Skips an object or array without looking for the path in it. */
  private skipContainer(): boolean {
    const bytes = this.bytes
    const stack: number[] = []
    for (; this.at < this.end; ) {
      const byte = bytes[this.at] as number
      if (byte === 0x22) {
        if (this.string() === undefined) return false
        continue
      }
      if (byte === 0x7b || byte === 0x5b) stack.push(byte + 2)
      else if (byte === 0x7d || byte === 0x5d) {
        if (stack.pop() !== byte) return false
        if (stack.length === 0) {
          this.at++
          return true
        }
      }
      this.at++
    }
    return false
  }
}

const encoder = new TextEncoder()

/** The path's steps as UTF-8 keys (an index also reads an object's key of its digits), encoded once per query. */
export function encodeKeys(path: FieldPath): Uint8Array[] {
  return path.map((step) => encoder.encode(String(step)))
}

/**
 * The bytes of the value at `path` in a JSON payload, bytes [start, end). ABSENT when the payload is not JSON (as far as its
 * structure shows) or lacks the field; UNDECIDED when only JSON.parse can tell (a key written with escapes).
 * Literals and numbers are not checked here: the caller reads the span and finds a gap when it is not one.
 */
export function findJsonField(bytes: Uint8Array, start: number, end: number, path: FieldPath, keys: readonly Uint8Array[]): Found {
  const walker = new Walker(bytes, start, end, path, keys)
  const found = walker.value(0)
  if (walker.undecided) return UNDECIDED
  if (found === false) return ABSENT
  walker.space()
  return walker.at === end ? found : ABSENT
}
