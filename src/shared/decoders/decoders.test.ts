// Payloads here are made by independent encoders: cborg's and @msgpack/msgpack's encoders, protobufjs's own
// (code-generating) encoder from a .proto written for the test, and image files written by ImageMagick and cwebp.
import { encode as cborEncode } from 'cborg'
import { encode as msgpackEncode } from '@msgpack/msgpack'
import protobuf from 'protobufjs'
import { describe, expect, it } from 'vitest'
import { fromBase64, toBase64, utf8Encode } from '../bytes'
import { imageFixtures } from './test/imageFixtures'
import { compileProtobufSchemas, decodePayload, detectDecoder, stringifyValue, type DecodeResult, type DecoderContext } from '.'

const none: DecoderContext = { protobuf: null }
const fixture = (name: keyof typeof imageFixtures): Uint8Array => {
  const decoded = fromBase64(imageFixtures[name])
  if ('error' in decoded) throw new Error(decoded.error)
  return decoded.bytes
}
const input = (bytes: Uint8Array, topic = 'plant/line1/sensor') => ({ bytes, topic })
const ok = (result: DecodeResult) => {
  if (!result.ok) throw new Error(`expected success, got: ${result.error}`)
  return result
}
const failed = (result: DecodeResult): string => {
  if (result.ok) throw new Error(`expected a failure, got: ${result.summary}`)
  return result.error
}

describe('auto-detection', () => {
  it('takes JSON documents as JSON and plain values as text, binary as hex', () => {
    expect(detectDecoder(input(utf8Encode('{"temperature": 21.5}')), none)).toBe('json')
    expect(detectDecoder(input(utf8Encode(' [1,2]')), none)).toBe('json')
    expect(detectDecoder(input(utf8Encode('21.5')), none)).toBe('text')
    expect(detectDecoder(input(utf8Encode('ON')), none)).toBe('text')
    expect(detectDecoder(input(utf8Encode('{"broken": ')), none)).toBe('text')
    expect(detectDecoder(input(new Uint8Array([0xde, 0xad, 0xbe, 0xef])), none)).toBe('hex')
  })

  it('never guesses CBOR or MessagePack, even for payloads that are valid in both', () => {
    const cbor = cborEncode({ t: 21.5 })
    const msgpack = msgpackEncode({ t: 21.5 })
    expect(detectDecoder(input(cbor), none)).toBe('hex')
    expect(detectDecoder(input(msgpack), none)).toBe('hex')
    // A one-byte payload is valid CBOR (an integer) and valid MessagePack: a guess would often be wrong.
    expect(ok(decodePayload(input(utf8Encode('1')), none)).decoder).toBe('text')
  })
})

describe('text, hex and base64', () => {
  it('shows invalid UTF-8 as U+FFFD and counts it, without counting a real U+FFFD', () => {
    const bytes = new Uint8Array([0x68, 0x69, 0xff, 0x20, 0xef, 0xbf, 0xbd, 0xc3])
    const result = ok(decodePayload(input(bytes), none, 'text'))
    expect(result.decoded).toEqual({ kind: 'text', text: 'hi\ufffd \ufffd\ufffd', invalidBytes: 2 })
    expect(result.summary).toMatch(/2 invalid UTF-8 sequences/)
  })

  it('renders the bytes as hex and base64 whatever they are', () => {
    const bytes = new Uint8Array([0, 1, 254, 255])
    expect(ok(decodePayload(input(bytes), none, 'hex')).decoded).toEqual({ kind: 'bytes', text: '00 01 fe ff' })
    expect(ok(decodePayload(input(bytes), none, 'base64')).decoded).toEqual({ kind: 'bytes', text: 'AAH+/w==' })
  })

  it('says why a payload is not JSON', () => {
    expect(failed(decodePayload(input(utf8Encode('{"a":')), none, 'json'))).toMatch(/^This payload is not valid JSON \(.+\)\. Try Text\.$/)
    expect(failed(decodePayload(input(new Uint8Array([0xff])), none, 'json'))).toMatch(/not valid UTF-8/)
  })
})

describe('CBOR and MessagePack', () => {
  const reading = { device: 'pump-7', temperature: -12.25, on: true, counts: [1, 2, 3], raw: new Uint8Array([1, 2]), big: 2n ** 63n + 5n }

  it('decodes what their encoders wrote, 64-bit integers exact', () => {
    for (const [choice, bytes] of [['cbor', cborEncode(reading)], ['msgpack', msgpackEncode(reading, { useBigInt64: true })]] as const) {
      const result = ok(decodePayload(input(bytes), none, choice))
      expect(result.decoded).toEqual({ kind: 'value', value: reading })
      expect(result.summary).toContain('"big":9223372036854775813')
    }
  })

  it('keeps maps with non-string keys and unknown CBOR tags', () => {
    const cbor = cborEncode(new Map<unknown, unknown>([[1, 'one'], ['two', 2]]))
    expect(ok(decodePayload(input(cbor), none, 'cbor')).decoded).toEqual({ kind: 'value', value: new Map<unknown, unknown>([[1, 'one'], ['two', 2]]) })
    // Tag 1234 around "x": 0xd9 0x04 0xd2, then the text string.
    const tagged = new Uint8Array([0xd9, 0x04, 0xd2, 0x61, 0x78])
    expect(ok(decodePayload(input(tagged), none, 'cbor')).decoded).toEqual({ kind: 'value', value: { tag: 1234, value: 'x' } })
  })

  it('answers truncated and trailing data with a sentence', () => {
    const cbor = cborEncode(reading)
    expect(failed(decodePayload(input(cbor.subarray(0, cbor.length - 3)), none, 'cbor'))).toMatch(/^This payload is not valid CBOR \(.+\)\. Try another decoder\.$/)
    const msgpack = msgpackEncode({ a: 1 })
    expect(failed(decodePayload(input(msgpack.subarray(0, 2)), none, 'msgpack'))).toMatch(/^This payload is not valid MessagePack/)
    expect(failed(decodePayload(input(new Uint8Array([...msgpack, 0x01])), none, 'msgpack'))).toMatch(/Extra 1 of/)
  })
})

describe('images', () => {
  const cases = [
    ['sensor.png', 'image/png'],
    ['sensor.jpg', 'image/jpeg'],
    ['sensor-progressive.jpg', 'image/jpeg'],
    ['sensor.gif', 'image/gif'],
    ['sensor.webp', 'image/webp'],
    ['sensor-lossless.webp', 'image/webp'],
    ['sensor-alpha.webp', 'image/webp']
  ] as const

  it('recognises PNG, JPEG, GIF and WebP by their bytes, with their dimensions', () => {
    for (const [name, mime] of cases) {
      const bytes = fixture(name)
      expect(detectDecoder(input(bytes), none), name).toBe('image')
      const result = ok(decodePayload(input(bytes), none))
      expect(result.decoded, name).toEqual({ kind: 'image', image: { mime, width: 37, height: 21, bytes, base64: false } })
      expect(result.summary).toMatch(/^(PNG|JPEG|GIF|WEBP) image 37×21, \d+ B$/)
    }
  })

  it('finds images sent as base64 text and as data URLs', () => {
    const png = fixture('sensor.png')
    for (const text of [toBase64(png), `data:image/png;base64,${toBase64(png)}\n`]) {
      const result = ok(decodePayload(input(utf8Encode(text)), none))
      expect(result.decoder).toBe('image')
      expect(result.decoded).toMatchObject({ kind: 'image', image: { mime: 'image/png', width: 37, height: 21, base64: true, bytes: png } })
    }
    // Base64 text that is not an image stays text.
    expect(detectDecoder(input(utf8Encode(toBase64(utf8Encode('hello world, not a picture')))), none)).toBe('text')
  })

  it('says so when a payload chosen as an image is none', () => {
    expect(failed(decodePayload(input(utf8Encode('GIF8 but no')), none, 'image'))).toMatch(/not a PNG, JPEG, GIF or WebP image/)
    expect(detectDecoder(input(fixture('sensor.png').subarray(0, 20)), none)).toBe('hex')
  })
})

describe('Protobuf from a profile', () => {
  const files = [
    {
      name: 'common.proto',
      source: 'syntax = "proto3";\npackage factory.v1;\nenum Unit { UNIT_UNSPECIFIED = 0; CELSIUS = 1; BAR = 2; }\n'
    },
    {
      name: 'reading.proto',
      source: [
        'syntax = "proto3";',
        'package factory.v1;',
        'import "common.proto";',
        'import "google/protobuf/timestamp.proto";',
        'message Reading {',
        '  string device_id = 1;',
        '  sint32 offset = 2;',
        '  int32 level = 3;',
        '  double value = 4;',
        '  Unit unit = 5;',
        '  repeated uint32 samples = 6;',
        '  map<string, int64> counters = 7;',
        '  google.protobuf.Timestamp at = 8;',
        '  bytes raw = 9;',
        '  uint64 serial = 10;',
        '}'
      ].join('\n')
    }
  ]
  const compiled = compileProtobufSchemas(files, [{ filter: 'factory/+/reading', type: 'factory.v1.Reading' }])
  if ('error' in compiled) throw new Error(compiled.error)
  const context: DecoderContext = { protobuf: compiled.schemas }
  // The independent encoder: protobufjs's generated encode over its own parse of the same text.
  const encoderRoot = new protobuf.Root()
  for (const file of files) protobuf.parse(file.source, encoderRoot, { keepCase: true })
  encoderRoot.addJSON(protobuf.common.get('google/protobuf/timestamp.proto')?.nested ?? {})
  const Reading = encoderRoot.lookupType('factory.v1.Reading')
  const payload = Reading.encode(Reading.fromObject({
    device_id: 'press-4', offset: -12, level: -12, value: 1013.25, unit: 2, samples: [1, 300, 70000],
    counters: { cycles: '9007199254740993' }, at: { seconds: 1700000000, nanos: 5 }, raw: [7, 8], serial: '18446744073709551615'
  })).finish()

  it('decodes by the rule for the topic, signed and 64-bit values exact, enums by name', () => {
    const topic = 'factory/press4/reading'
    expect(detectDecoder(input(payload, topic), context)).toBe('protobuf')
    expect(detectDecoder(input(payload, 'factory/press4/other'), context)).toBe('hex')
    const result = ok(decodePayload(input(payload, topic), context))
    expect(result.decoded).toEqual({
      kind: 'value',
      value: {
        device_id: 'press-4', offset: -12, level: -12, value: 1013.25, unit: 'BAR', samples: [1, 300, 70000],
        counters: { cycles: 9007199254740993n }, at: { seconds: 1700000000n, nanos: 5 }, raw: new Uint8Array([7, 8]), serial: 18446744073709551615n
      }
    })
    expect(result.summary).toMatch(/^Reading \{"device_id":"press-4","offset":-12,/)
    expect(stringifyValue({ n: 1n, b: new Uint8Array([255]) })).toBe('{"n":"1","b":"<ff>"}')
  })

  it('names the type and the byte offset when the data does not fit', () => {
    const topic = 'factory/press4/reading'
    const truncated = failed(decodePayload(input(payload.subarray(0, payload.length - 4), topic), context))
    expect(truncated).toMatch(/^This payload is not a valid factory\.v1\.Reading \(Protobuf\): .+ at byte \d+\. Check the type mapped to "factory\/\+\/reading"\.$/)
    // Field 1 sent as a varint where device_id (a string) needs a length-delimited value.
    expect(failed(decodePayload(input(new Uint8Array([0x08, 0x01]), topic), context))).toMatch(/field "device_id" has wire type 0 where string needs 2 at byte 0/)
  })

  it('keeps unknown fields by number', () => {
    const withExtra = new Uint8Array([...payload, 0xa0, 0x06, 0x2a])
    const result = ok(decodePayload(input(withExtra, 'factory/x/reading'), context))
    expect((result.decoded as { value: Record<string, unknown> }).value['#100']).toEqual([new Uint8Array([0x2a])])
  })

  it('explains broken .proto files, missing imports and unknown types', () => {
    expect(compileProtobufSchemas([{ name: 'bad.proto', source: 'message {' }], [])).toEqual({ error: expect.stringMatching(/^bad\.proto is not a valid \.proto file: /) })
    expect(compileProtobufSchemas([files[1] as (typeof files)[number]], [])).toEqual({ error: 'reading.proto imports "common.proto", which is not among the profile\'s .proto files; add it.' })
    expect(compileProtobufSchemas(files, [{ filter: '#', type: 'factory.v1.Nope' }])).toEqual({ error: 'No message type "factory.v1.Nope" is defined in the profile\'s .proto files (for topics "#").' })
    expect(failed(decodePayload(input(payload, 'x'), none, 'protobuf'))).toMatch(/^No Protobuf type is mapped to "x"\./)
  })
})

describe('summaries', () => {
  it('write only the start of a large value, on one line', async () => {
    const { summarizeValue } = await import('./valueTree')
    const big = { rows: Array.from({ length: 100_000 }, (_, i) => ({ i, label: `row ${i}` })) }
    const summary = summarizeValue(big, 40)
    expect(summary).toHaveLength(40)
    expect(summary).toBe('{"rows":[{"i":0,"label":"row 0"},{"i":1…')
    expect(summarizeValue(new Map<unknown, unknown>([[1, 2n]]), 40)).toBe('{"1":2}')
    expect(summarizeValue({ a: 'x' }, 40)).toBe('{"a":"x"}')
  })
})
