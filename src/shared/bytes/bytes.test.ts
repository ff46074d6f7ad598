import { describe, expect, it } from 'vitest'
import { formatByteSize, fromBase64, hexDump, fromHex, toBase64, toHex, utf8DecodeStrict, utf8Encode } from '.'

describe('hex', () => {
  it('writes 16 bytes per line and reads it back', () => {
    const bytes = Uint8Array.from({ length: 20 }, (_, i) => i * 13)
    const hex = toHex(bytes)
    expect(hex.split('\n')).toHaveLength(2)
    expect(hex.startsWith('00 0d 1a')).toBe(true)
    expect(fromHex(hex)).toEqual({ bytes })
  })
  it('accepts 0x prefixes and separators', () => {
    expect(fromHex('0xDE:ad-BE ef')).toEqual({ bytes: Uint8Array.from([0xde, 0xad, 0xbe, 0xef]) })
  })
  it('says what is wrong with bad input', () => {
    expect(fromHex('abc')).toEqual({ error: expect.stringContaining('odd number of digits (3)') })
    expect(fromHex('zz')).toEqual({ error: expect.stringContaining('0-9 and a-f') })
  })
})

describe('hex dump', () => {
  it('shows offsets, 16 bytes per line and printable ASCII', () => {
    const dump = hexDump(Uint8Array.from([...new TextEncoder().encode('Hello, MQTT world'), 0, 0xff]))
    expect(dump.split('\n')).toEqual([
      '00000000  48 65 6c 6c 6f 2c 20 4d 51 54 54 20 77 6f 72 6c  |Hello, MQTT worl|',
      '00000010  64 00 ff                                         |d..|'
    ])
  })
})

describe('base64', () => {
  it('round-trips binary bytes, including large payloads', () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) & 255)
    const decoded = fromBase64(toBase64(bytes))
    expect('bytes' in decoded && decoded.bytes).toEqual(bytes)
  })
  it('accepts base64url and missing padding', () => {
    expect(fromBase64('_-8')).toEqual({ bytes: Uint8Array.from([0xff, 0xef]) })
    expect(fromBase64('aGk')).toEqual({ bytes: utf8Encode('hi') })
  })
  it('rejects stray characters', () => {
    expect(fromBase64('a*b')).toHaveProperty('error')
    expect(fromBase64('abcde')).toHaveProperty('error')
  })
})

describe('utf8 and sizes', () => {
  it('tells text from binary', () => {
    expect(utf8DecodeStrict(utf8Encode('größe'))).toBe('größe')
    expect(utf8DecodeStrict(Uint8Array.from([0xff, 0xfe]))).toBeNull()
  })
  it('formats sizes', () => {
    expect(formatByteSize(512)).toBe('512 B')
    expect(formatByteSize(1536)).toBe('1.5 KB')
    expect(formatByteSize(3 * 1024 * 1024)).toBe('3.0 MB')
  })
})
