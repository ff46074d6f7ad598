import { describe, expect, it } from 'vitest'
import { utf8Encode } from './bytes'
import { composerFormatFor, convertPayloadText, detectPayloadFormat, encodePayload, formatJson, previewPayload, renderPayload } from './payloadView'

const json = utf8Encode('{"t":21.5,"ok":true}')
const binary = Uint8Array.from([0, 1, 2, 0xff])

describe('viewing a payload', () => {
  it('detects JSON, text and binary', () => {
    expect(detectPayloadFormat(json)).toBe('json')
    expect(detectPayloadFormat(utf8Encode('on'))).toBe('text')
    expect(detectPayloadFormat(utf8Encode('42'))).toBe('text')
    expect(detectPayloadFormat(binary)).toBe('hex')
  })
  it('switches format after the fact from the same bytes', () => {
    expect(renderPayload(json, 'json')).toBe('{\n  "t": 21.5,\n  "ok": true\n}')
    expect(renderPayload(json, 'text')).toBe('{"t":21.5,"ok":true}')
    expect(renderPayload(binary, 'hex')).toBe('00 01 02 ff')
    expect(renderPayload(binary, 'base64')).toBe('AAEC/w==')
  })
  it('shows text unchanged when JSON view is asked for a non-JSON payload', () => {
    expect(renderPayload(utf8Encode('not json'), 'json')).toBe('not json')
  })
  it('previews on one line and cuts long values', () => {
    expect(previewPayload(utf8Encode('a\n  b'))).toBe('a b')
    expect(previewPayload(utf8Encode('x'.repeat(500)), 10)).toBe(`${'x'.repeat(9)}…`)
    expect(previewPayload(binary)).toBe('00 01 02 ff')
    expect(previewPayload(utf8Encode('é'.repeat(400)), 10)).toBe(`${'é'.repeat(9)}…`)
  })
})

describe('the composer format for a topic', () => {
  it("follows the last payload, taking a cut preview of a JSON document as JSON", () => {
    expect(composerFormatFor(utf8Encode('21.5'), false)).toBe('text')
    expect(composerFormatFor(utf8Encode('{"a": 1}'), false)).toBe('json')
    expect(composerFormatFor(utf8Encode('{"a": [1, 2, '), true)).toBe('json')
    expect(composerFormatFor(utf8Encode('{"a": [1, 2, '), false)).toBe('text')
    expect(composerFormatFor(new Uint8Array([0xff, 0xfe]), false)).toBe('hex')
  })
})

describe('typing a payload', () => {
  it('validates JSON with a sentence', () => {
    expect(encodePayload('{"a":', 'json')).toEqual({ error: expect.stringMatching(/^The payload is not valid JSON/) })
    expect(encodePayload('{"a":1}', 'json')).toEqual({ bytes: utf8Encode('{"a":1}') })
  })
  it('encodes hex and base64 to the bytes they describe', () => {
    expect(encodePayload('00 ff', 'hex')).toEqual({ bytes: Uint8Array.from([0, 255]) })
    expect(encodePayload('AP8=', 'base64')).toEqual({ bytes: Uint8Array.from([0, 255]) })
  })
  it('formats JSON and leaves broken JSON alone', () => {
    expect(formatJson('{"a":[1,2]}')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}')
    expect(formatJson('{oops')).toBe('{oops')
  })
  it('converts editor text between formats keeping the bytes', () => {
    expect(convertPayloadText('hi', 'text', 'hex')).toBe('68 69')
    expect(convertPayloadText('68 69', 'hex', 'base64')).toBe('aGk=')
    expect(convertPayloadText('aGk=', 'base64', 'text')).toBe('hi')
    expect(convertPayloadText('zz', 'hex', 'text')).toBe('zz')
  })
})
