import { describe, expect, it } from 'vitest'
import { emptyDecoderPrefs } from '../contract/decoderPrefs'
import { profileDecoders } from './profileDecoders'

const proto = { name: 'reading.proto', source: 'syntax = "proto3"; package f; message Reading { double value = 1; }' }

describe('profileDecoders', () => {
  it('compiles once per settings object and picks the first matching pin', () => {
    const prefs = { protoFiles: [proto], protobufRules: [{ filter: 'factory/#', type: 'f.Reading' }], pins: [{ filter: 'cbor/#', decoder: 'cbor' as const }] }
    const ready = profileDecoders(prefs)
    expect(profileDecoders(prefs)).toBe(ready)
    expect(ready.protobufError).toBeNull()
    expect(ready.protobuf?.rules[0]?.type.fullName).toBe('.f.Reading')
    expect(ready.choiceFor('cbor/a/b')).toBe('cbor')
    expect(ready.choiceFor('other')).toBe('auto')
  })

  it('reports the compile error sentence and has no schemas', () => {
    const ready = profileDecoders({ ...emptyDecoderPrefs(), protoFiles: [proto], protobufRules: [{ filter: '#', type: 'f.Missing' }] })
    expect(ready.protobuf).toBeNull()
    expect(ready.protobufError).toBe('No message type "f.Missing" is defined in the profile\'s .proto files (for topics "#").')
  })

  it('has no schemas and no error for empty settings', () => {
    expect(profileDecoders(emptyDecoderPrefs())).toMatchObject({ protobuf: null, protobufError: null })
  })
})
