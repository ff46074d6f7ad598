import { describe, expect, it } from 'vitest'
import { utf8Encode } from '../bytes'
import { extractField, formatFieldPath, isPathError, parseFieldPath, parseNumberText, payloadNumber, plotNumber, plottableFields, type FieldPath } from './index'

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
    for (const text of ['', ' ', '0x1f', 'Infinity', 'NaN', '1e999', '12abc', 'ON', '1,5']) expect(parseNumberText(text), text).toBeNaN()
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

describe('reading numbers from payload bytes', () => {
  // The reference: decode the text, JSON.parse it, take the field, as the slow path does.
  const reference = (text: string, steps: FieldPath): number => {
    if (steps.length === 0) {
      const plain = parseNumberText(text)
      if (!Number.isNaN(plain) || !text.trimStart().startsWith('"')) return plain
    }
    try {
      return plotNumber(extractField(JSON.parse(text), steps))
    } catch {
      return Number.NaN
    }
  }

  it('reads number text in place exactly as Number() does', () => {
    const texts = ['0', '-0', '42', '-17.25', '+3', '5.', '.5', '0.000123', '1e3', '1.5E-7', '-2.5e+10', '123456789012345', '1234567890123456789',
      '0.1', '0.3', '9007199254740993', '1e22', '1e23', '1e-22', '1e-300', '1e400', '  7\r\n', '\t-1\t', 'true', ' false ', '-', '.', 'e5', '1e', '1x', '1 2', '--1', '']
    for (const text of texts) expect(Object.is(payloadNumber(utf8Encode(text), []), reference(text, [])), text).toBe(true)
    for (let i = 0; i < 2000; i++) {
      const text = String((Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 30 - 15))
      expect(payloadNumber(utf8Encode(text), [])).toBe(Number(text))
    }
  })

  it('finds JSON fields by walking the bytes, agreeing with JSON.parse', () => {
    const cases: Array<[string, string]> = [
      ['{"a":{"b":[1,2,{"c":42}]}}', 'a.b[2].c'],
      ['{ "a" : { "b" : [ 1 , 2 , { "c" : -4.5e2 } ] } }', 'a.b[2].c'],
      ['{"x":"skip \\" } ] {","v":3}', 'v'],
      ['{"v":1,"v":2}', 'v'],
      ['{"v":{"deep":[[1],[2]]},"w":7}', 'w'],
      ['{"v":"12.5"}', 'v'],
      ['{"v":" 8 "}', 'v'],
      ['{"v":"\\u0031"}', 'v'],
      ['{"v\\u0041":5}', 'vA'],
      ['{"v":"°C"}', 'v'],
      ['{"t":"°C","v":9}', 'v'],
      ['{"v":true,"w":false,"n":null}', 'v'],
      ['{"v":true,"w":false,"n":null}', 'w'],
      ['{"v":true,"w":false,"n":null}', 'n'],
      ['{"v":[1,2]}', 'v'],
      ['{"v":{}}', 'v'],
      ['{"v":1}', 'missing'],
      ['[10,20,30]', '[1]'],
      ['[10,20,30]', '[3]'],
      ['{"list":[5,6]}', 'list.1'],
      ['{"0":"zero","1":11}', '[1]'],
      ['{"v":1', 'v'],
      ['{"v":1}}', 'v'],
      ['{"v":1} x', 'v'],
      ['{"v" 1}', 'v'],
      ['{"v":tru}', 'v'],
      ['{"a":[1,2}', 'a[0]'],
      ['"text"', 'v'],
      ['7', 'v'],
      ['', 'v']
    ]
    for (const [text, field] of cases) expect(Object.is(payloadNumber(utf8Encode(text), path(field)), reference(text, path(field))), `${text} @ ${field}`).toBe(true)
  })
})

describe('plottable fields of a payload', () => {
  it('offers the payload itself when it is a number, else every JSON field that reads as one', () => {
    expect(plottableFields(utf8Encode(' 21.5 '))).toEqual([''])
    expect(plottableFields(utf8Encode('true'))).toEqual([''])
    expect(plottableFields(utf8Encode('{"t":20.5,"unit":"C","ok":true,"level":"7","tags":["a"],"axes":[{"x":1},{"x":"n/a"}],"odd key":3,"n":null}'))).toEqual([
      't', 'ok', 'level', 'axes[0].x', '["odd key"]'
    ])
    expect(plottableFields(utf8Encode('running'))).toEqual([])
    expect(plottableFields(Uint8Array.of(0xff, 0xfe))).toEqual([])
    expect(plottableFields(utf8Encode(JSON.stringify(Array.from({ length: 500 }, (_, i) => i))), 3)).toEqual(['[0]', '[1]', '[2]'])
  })
})
