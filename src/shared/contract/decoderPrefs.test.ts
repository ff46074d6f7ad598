import { describe, expect, it } from 'vitest'
import { MAX_PROTO_FILE_BYTES, MAX_PROTO_FILES, decoderPrefsSchema } from './decoderPrefs'

describe('decoderPrefsSchema', () => {
  it('defaults every field to empty, so an old profile without decoders loads', () => {
    expect(decoderPrefsSchema.parse({})).toEqual({ protoFiles: [], protobufRules: [], pins: [] })
  })

  it('round-trips files, rules and pins unchanged', () => {
    const prefs = {
      protoFiles: [{ name: 'reading.proto', source: 'syntax = "proto3"; message Reading { double value = 1; }' }],
      protobufRules: [{ filter: 'factory/+/reading', type: 'Reading' }],
      pins: [{ filter: 'cbor/#', decoder: 'cbor' as const }]
    }
    expect(decoderPrefsSchema.parse(JSON.parse(JSON.stringify(prefs)))).toEqual(prefs)
  })

  it('rejects invalid topic filters, unknown decoders, oversized and too many files', () => {
    expect(decoderPrefsSchema.safeParse({ pins: [{ filter: 'a/#/b', decoder: 'cbor' }] }).success).toBe(false)
    expect(decoderPrefsSchema.safeParse({ pins: [{ filter: 'a/#', decoder: 'yaml' }] }).success).toBe(false)
    expect(decoderPrefsSchema.safeParse({ protobufRules: [{ filter: 'a/b+', type: 'X' }] }).success).toBe(false)
    expect(decoderPrefsSchema.safeParse({ protoFiles: [{ name: 'big.proto', source: 'x'.repeat(MAX_PROTO_FILE_BYTES + 1) }] }).success).toBe(false)
    const many = Array.from({ length: MAX_PROTO_FILES + 1 }, (_, i) => ({ name: `f${i}.proto`, source: '' }))
    expect(decoderPrefsSchema.safeParse({ protoFiles: many }).success).toBe(false)
  })
})
