import type { FieldPath } from './fieldPath'

// Finds one field of a JSON payload by walking its bytes, without building the document: JSON.parse of every
// payload of a 100,000-point series would take several times the query's budget. The walk keeps its state in
// fields and answers in small integers (no object per payload or per value), which V8 keeps monomorphic: a
// chart's back-fill calls it 100,000 times in a row.

/** The value at the path was found: its bytes are [JsonFieldFinder.start, JsonFieldFinder.end). */
export const FOUND = 0
/** The payload is not valid JSON, or has no value at the path: a gap. */
export const ABSENT = 1
/** The payload needs JSON.parse: a key with escapes, which only decoding can compare. */
export const UNDECIDED = 2
/** Inside the walk: the bytes are not JSON here. */
const MALFORMED = 3

export type FindResult = typeof FOUND | typeof ABSENT | typeof UNDECIDED

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

const QUOTE = 0x22
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d
const COMMA = 0x2c
const COLON = 0x3a

const encoder = new TextEncoder()

/**
 * The value at one path in JSON payloads, found in place: `find` says whether the payload has it, and where.
 * Literals and numbers are not checked here: the caller reads the span and finds a gap when it is not one.
 * One finder serves one query at a time (it keeps the walk's state between calls).
 */
export class JsonFieldFinder {
  /** Where the value found by the last `find` lies. */
  start = 0
  end = 0
  private bytes: Uint8Array = new Uint8Array(0)
  private at = 0
  private limit = 0
  private escapedKey = false
  /** The last string skipped held an escape. */
  private escapedString = false
  /** The path's steps as UTF-8 keys (an index also reads an object's key of its digits). */
  private readonly keys: Uint8Array[]
  /** The path's steps as array indexes; −1 where a step cannot index an array. */
  private readonly indexes: number[]
  private stack = new Uint8Array(64)

  constructor(path: FieldPath) {
    this.keys = path.map((step) => encoder.encode(String(step)))
    this.indexes = path.map((step) => (typeof step === 'number' ? step : /^\d+$/.test(step) ? Number(step) : -1))
  }

  /**
   * Whether bytes [start, end) hold a JSON document with a value at the path: FOUND (see `start`/`end`), ABSENT
   * (not JSON as far as its structure shows, or no such field), or UNDECIDED (only JSON.parse can tell).
   */
  find(bytes: Uint8Array, start: number, end: number): FindResult {
    this.bytes = bytes
    this.at = start
    this.limit = end
    this.escapedKey = false
    const found = this.value(0)
    if (this.escapedKey) return UNDECIDED
    if (found === MALFORMED) return ABSENT
    this.space()
    return this.at === end && found === FOUND ? FOUND : ABSENT
  }

  private space(): void {
    const bytes = this.bytes
    const limit = this.limit
    let at = this.at
    while (at < limit) {
      const byte = bytes[at] as number
      if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) break
      at++
    }
    this.at = at
  }

  /** Walks the value at `at` (spaces skipped); FOUND with its span at the path below it, ABSENT, or MALFORMED. */
  private value(depth: number): number {
    this.space()
    const start = this.at
    if (depth === this.keys.length) {
      if (!this.skip()) return MALFORMED
      this.start = start
      this.end = this.at
      return FOUND
    }
    const byte = this.bytes[start]
    if (byte === OPEN_OBJECT) return this.object(depth)
    if (byte === OPEN_ARRAY) return this.array(depth)
    return this.skip() ? ABSENT : MALFORMED
  }

  private object(depth: number): number {
    const bytes = this.bytes
    const key = this.keys[depth] as Uint8Array
    const keyLength = key.length
    let found = ABSENT
    this.at++
    this.space()
    if (bytes[this.at] === CLOSE_OBJECT) {
      this.at++
      return found
    }
    for (;;) {
      this.space()
      const keyStart = this.at + 1
      if (bytes[keyStart - 1] !== QUOTE || !this.string()) return MALFORMED
      const keyEnd = this.at - 1
      let matches = false
      if (this.escapedString) {
        // An escaped key may spell the one looked for: only JSON.parse can tell.
        this.escapedKey = true
      } else if (keyEnd - keyStart === keyLength) {
        matches = true
        for (let i = 0; i < keyLength; i++) {
          if (bytes[keyStart + i] !== key[i]) {
            matches = false
            break
          }
        }
      }
      this.space()
      if (bytes[this.at++] !== COLON) return MALFORMED
      if (matches) {
        const member = this.value(depth + 1)
        if (member === MALFORMED) return MALFORMED
        // A repeated key: the last one wins, as in JSON.parse.
        found = member
      } else {
        this.space()
        if (!this.skip()) return MALFORMED
      }
      this.space()
      const next = bytes[this.at++]
      if (next === CLOSE_OBJECT) return found
      if (next !== COMMA) return MALFORMED
    }
  }

  private array(depth: number): number {
    const bytes = this.bytes
    const index = this.indexes[depth] as number
    let found = ABSENT
    this.at++
    this.space()
    if (bytes[this.at] === CLOSE_ARRAY) {
      this.at++
      return found
    }
    for (let i = 0; ; i++) {
      if (i === index) {
        found = this.value(depth + 1)
        if (found === MALFORMED) return MALFORMED
      } else {
        this.space()
        if (!this.skip()) return MALFORMED
      }
      this.space()
      const next = bytes[this.at++]
      if (next === CLOSE_ARRAY) return found
      if (next !== COMMA) return MALFORMED
    }
  }

  /** Skips one value at `at`; false when it is not one. */
  private skip(): boolean {
    const bytes = this.bytes
    const byte = bytes[this.at]
    if (byte === QUOTE) return this.string()
    if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) return this.skipContainer()
    const start = this.at
    const limit = this.limit
    let at = start
    // Literals and numbers end at a delimiter; numberFromBytes or spells() judge the span later.
    for (; at < limit; at++) {
      const kind = SCALAR[bytes[at] as number] as number
      if (kind === SCALAR_END) break
      if (kind === SCALAR_BAD) return false
    }
    this.at = at
    return at > start
  }

  /** Skips a string at `at` (its opening quote); false when unterminated or holding a raw control character. */
  private string(): boolean {
    const bytes = this.bytes
    const limit = this.limit
    let escaped = false
    for (let at = this.at + 1; at < limit; at++) {
      const kind = STRING[bytes[at] as number] as number
      if (kind === 0) continue
      if (kind === STRING_END) {
        this.at = at + 1
        this.escapedString = escaped
        return true
      }
      if (kind === STRING_BAD) return false
      escaped = true
      at++
    }
    return false
  }

  /** Skips an object or array without looking for the path in it; brackets must pair up. */
  private skipContainer(): boolean {
    const bytes = this.bytes
    const limit = this.limit
    let depth = 0
    while (this.at < limit) {
      const byte = bytes[this.at] as number
      if (byte === QUOTE) {
        if (!this.string()) return false
        continue
      }
      if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        if (depth === this.stack.length) this.growStack()
        // The closing byte is the opening one + 2 for both kinds.
        this.stack[depth++] = byte + 2
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        if (depth === 0 || this.stack[--depth] !== byte) return false
        if (depth === 0) {
          this.at++
          return true
        }
      }
      this.at++
    }
    return false
  }

  private growStack(): void {
    const stack = new Uint8Array(this.stack.length * 2)
    stack.set(this.stack)
    this.stack = stack
  }
}
