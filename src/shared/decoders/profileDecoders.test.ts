import { encode as cborEncode } from 'cborg'
import protobuf from 'protobufjs'
import { describe, expect, it } from 'vitest'
import { emptyDecoderPrefs, type DecoderPrefs } from '../contract/decoderPrefs'
import { utf8Encode } from '../bytes'
import { compileProtobufSchemas, decodePayload, profileDecoders, protobufMessageTypes, resolveDecoderPin } from '.'

const proto = {
  name: 'reading.proto',
  source: 'syntax = "proto3"; package f; message Reading { double value = 1; message Meta { string unit = 1; } } message Other { int32 n = 1; }'
}
const prefs = (patch: Partial<DecoderPrefs>): DecoderPrefs => ({ ...emptyDecoderPrefs(), ...patch })
// The independent encoder: protobufjs's generated encode over its own parse of the same text.
const Reading = protobuf.parse(proto.source, { keepCase: true }).root.lookupType('f.Reading')
const reading = Reading.encode(Reading.fromObject({ value: 21.5 })).finish()

describe('profileDecoders', () => {
  it('compiles once per settings object and again for a new one', () => {
    const settings = prefs({ protoFiles: [proto], protobufRules: [{ filter: 'factory/#', type: 'f.Reading' }] })
    const ready = profileDecoders(settings)
    expect(profileDecoders(settings)).toBe(ready)
    expect(ready.protobufError).toBeNull()
    expect(ready.context.protobuf?.rules[0]?.type.fullName).toBe('.f.Reading')
    const changed = profileDecoders({ ...settings })
    expect(changed).not.toBe(ready)
    expect(changed.context.protobuf).not.toBe(ready.context.protobuf)
  })

  it('takes the first matching pin, by MQTT filter rules', () => {
    const settings = prefs({ pins: [{ filter: 'cbor/raw', decoder: 'hex' }, { filter: 'cbor/#', decoder: 'cbor' }, { filter: '#', decoder: 'text' }] })
    expect(resolveDecoderPin(settings, 'cbor/raw')).toBe('hex')
    expect(resolveDecoderPin(settings, 'cbor/a/b')).toBe('cbor')
    expect(resolveDecoderPin(settings, 'cbor')).toBe('cbor')
    expect(resolveDecoderPin(settings, 'other')).toBe('text')
    // A filter starting with a wildcard never matches $SYS topics.
    expect(resolveDecoderPin(settings, '$SYS/broker/uptime')).toBeUndefined()
    expect(resolveDecoderPin(emptyDecoderPrefs(), 'cbor/a')).toBeUndefined()
  })

  it('chooses the user choice over the pin, the pin over detection, and Protobuf only by a rule', () => {
    const ready = profileDecoders(
      prefs({ protoFiles: [proto], protobufRules: [{ filter: 'factory/+/reading', type: 'f.Reading' }], pins: [{ filter: 'cbor/#', decoder: 'cbor' }] })
    )
    const cbor = { bytes: cborEncode({ t: 21.5 }), topic: 'cbor/line1' }
    expect(ready.decoderFor(cbor)).toBe('cbor')
    expect(ready.decoderFor(cbor, 'hex')).toBe('hex')
    const result = decodePayload(cbor, ready.context, ready.decoderFor(cbor))
    expect(result.ok && result.decoded).toEqual({ kind: 'value', value: { t: 21.5 } })
    expect(ready.decoderFor({ bytes: reading, topic: 'factory/p4/reading' })).toBe('protobuf')
    // The same bytes on a topic no rule covers are not guessed to be Protobuf.
    expect(ready.decoderFor({ bytes: reading, topic: 'factory/p4/other' })).toBe('hex')
    expect(ready.decoderFor({ bytes: utf8Encode('{"a":1}'), topic: 'plain' })).toBe('json')
  })

  it('reports the compile error sentence for the topics its rules cover, and has no schemas', () => {
    const ready = profileDecoders(prefs({ protoFiles: [proto], protobufRules: [{ filter: 'factory/#', type: 'f.Missing' }] }))
    expect(ready.context.protobuf).toBeNull()
    expect(ready.protobufError).toBe('No message type "f.Missing" is defined in the profile\'s .proto files (for topics "factory/#").')
    expect(ready.protobufProblemFor('factory/a')).toBe(ready.protobufError)
    expect(ready.protobufProblemFor('elsewhere')).toBeNull()
    // Protobuf is still the choice on the rule's topics, so the view can say why it cannot decode.
    expect(ready.decoderFor({ bytes: reading, topic: 'factory/a' })).toBe('protobuf')
    expect(ready.decoderFor({ bytes: reading, topic: 'elsewhere' })).toBe('hex')
  })

  it('has no schemas and no error for empty settings', () => {
    expect(profileDecoders(emptyDecoderPrefs())).toMatchObject({ context: { protobuf: null }, protobufError: null, hasProtobufRules: false })
  })
})

describe('protobufMessageTypes', () => {
  it('lists every message type fully qualified, nested ones too, without the built-in Google types', () => {
    const withTimestamp = { name: 'at.proto', source: 'syntax = "proto3"; import "google/protobuf/timestamp.proto"; message At { google.protobuf.Timestamp t = 1; }' }
    const compiled = compileProtobufSchemas([proto, withTimestamp], [])
    if ('error' in compiled) throw new Error(compiled.error)
    expect(protobufMessageTypes(compiled.schemas)).toEqual(['At', 'f.Other', 'f.Reading', 'f.Reading.Meta'])
  })
})
