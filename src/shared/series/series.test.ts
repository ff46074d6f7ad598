import { describe, expect, it } from 'vitest'
import { utf8Encode } from '../bytes'
import { extractField, formatFieldPath, isPathError, parseFieldPath, parseNumberText, payloadNumber, plotNumber, type FieldPath } from './index'

const path = (text: string): FieldPath => {
  const parsed = parseFieldPath(text)
  if (isPathError(parsed)) throw new Error(parsed.error)
  return parsed
}

describe('field paths', () => {
  it('reads keys, indices and quoted keys', () => {
    expect(path('')).toEqual([])
    expect(path('a.b[2].c')).toEqual(['a', 'b', 2, 'c'])
    expect(path('[0].value')).toEqual([0, 'value'])
    expect(path('sensor["temp.C"][1]')).toEqual(['sensor', 'temp.C', 1])
    expect(path('["say \\"hi\\""]')).toEqual(['say "hi"'])
    expect(path('a[10][3]')).toEqual(['a', 10, 3])
  })

  it('refuses malformed paths with a sentence, never a throw', () => {
    for (const text of ['.a', 'a.', 'a..b', 'a[', 'a[x]', 'a[-1]', 'a["b]', 'a b', 'a]b', '[0]b', '["\\q"]']) {
      const parsed = parseFieldPath(text)
      expect(isPathError(parsed), text).toBe(true)
      expect((parsed as { error: string }).error).toMatch(/not valid|at most/)
    }
    expect(isPathError(parseFieldPath('a'.repeat(501)))).toBe(true)
  })

  it('formats a path so that it parses back to the same steps', () => {
    for (const steps of [[], ['a', 'b', 2, 'c'], [0, 'value'], ['temp.C'], ['a b', 'x[1]', 3], ['say "hi"']] as FieldPath[]) {
      expect(path(formatFieldPath(steps))).toEqual(steps)
    }
    expect(formatFieldPath(['a', 'b', 2, 'c'])).toBe('a.b[2].c')
  })

  it('extracts fields, undefined where there is none', () => {
    const value = { a: { b: [1, 2, { c: 42 }] }, list: [10, 20], obj: { 0: 'zero' } }
    expect(extractField(value, path('a.b[2].c'))).toBe(42)
    expect(extractField(value, path('list.1'))).toBe(20)
    expect(extractField(value, path('obj[0]'))).toBe('zero')
    expect(extractField(value, path('a.x.y'))).toBeUndefined()
    expect(extractField(value, path('list[5]'))).toBeUndefined()
    expect(extractField(value, path('a.b[0].c'))).toBeUndefined()
    expect(extractField(value, path('toString'))).toBeUndefined()
    expect(extractField(7, [])).toBe(7)
  })
})

describe('plotted values', () => {
  it('reads number text and booleans; anything else is a gap', () => {
    expect(parseNumberText(' 21.5\n')).toBe(21.5)
    expect(parseNumberText('-3e2')).toBe(-300)
    expect(parseNumberText('.5')).toBe(0.5)
    expect(parseNumberText('true')).toBe(1)
    expect(parseNumberText('false')).toBe(0)
    for (const text of ['', ' ', '0x1f', 'Infinity', 'NaN', '12abc', 'ON', '1,5']) expect(parseNumberText(text), text).toBeNaN()
  })

  it('turns decoded values into numbers: booleans 0/1, numeric strings, gaps for the rest', () => {
    expect(plotNumber(3)).toBe(3)
    expect(plotNumber(true)).toBe(1)
    expect(plotNumber(false)).toBe(0)
    expect(plotNumber('4.25')).toBe(4.25)
    expect(plotNumber(10n)).toBe(10)
    for (const value of [null, undefined, 'hot', {}, [1], Number.POSITIVE_INFINITY, Number.NaN]) expect(plotNumber(value)).toBeNaN()
  })

  it('reads a payload as a number or a JSON field; gaps for everything else', () => {
    const bytes = (text: string): Uint8Array => utf8Encode(text)
    expect(payloadNumber(bytes('21.5'), [])).toBe(21.5)
    expect(payloadNumber(bytes('"7"'), [])).toBe(7)
    expect(payloadNumber(bytes('true'), [])).toBe(1)
    expect(payloadNumber(bytes('{"t":{"v":[1,2.5]}}'), path('t.v[1]'))).toBe(2.5)
    expect(payloadNumber(bytes('{"on":false}'), path('on'))).toBe(0)
    expect(payloadNumber(bytes('{"v":"12"}'), path('v'))).toBe(12)
    expect(payloadNumber(bytes('{"v":"hot"}'), path('v'))).toBeNaN()
    expect(payloadNumber(bytes('{"v":1}'), [])).toBeNaN()
    expect(payloadNumber(bytes('{"v":'), path('v'))).toBeNaN()
    expect(payloadNumber(bytes('hello'), [])).toBeNaN()
    expect(payloadNumber(new Uint8Array([0xff, 0xfe, 0x31]), [])).toBeNaN()
    expect(payloadNumber(new Uint8Array(), [])).toBeNaN()
  })
})
