import { z } from 'zod'
import { DECODER_IDS } from '../decoders/types'
import { topicFilterSchema } from './common'

/** Bounds keep a profile small enough to load and compile quickly. */
export const MAX_PROTO_FILES = 64
export const MAX_PROTO_FILE_BYTES = 1024 * 1024

export const protoFileSchema = z.object({
  name: z.string().trim().min(1, 'Give the .proto file a name.').max(255, 'Keep the .proto file name under 255 characters.'),
  source: z
    .string()
    .refine((text) => new TextEncoder().encode(text).length <= MAX_PROTO_FILE_BYTES, 'This .proto file is larger than 1 MiB. Split it into smaller files.')
})

export const protobufRuleSchema = z.object({
  filter: topicFilterSchema,
  type: z.string().trim().min(1, 'Pick the message type for this rule.').max(500)
})

export const decoderPinSchema = z.object({
  filter: topicFilterSchema,
  decoder: z.enum(DECODER_IDS, { message: 'Pick one of the listed decoders.' })
})

/** A profile's decoder settings; every field defaults to empty so profiles saved before this load unchanged. */
export const decoderPrefsSchema = z.object({
  protoFiles: z.array(protoFileSchema).max(MAX_PROTO_FILES, `A profile keeps at most ${MAX_PROTO_FILES} .proto files.`).default([]),
  protobufRules: z.array(protobufRuleSchema).max(500, 'A profile keeps at most 500 Protobuf rules.').default([]),
  pins: z.array(decoderPinSchema).max(500, 'A profile keeps at most 500 decoder pins.').default([])
})
export type DecoderPrefs = z.infer<typeof decoderPrefsSchema>

export function emptyDecoderPrefs(): DecoderPrefs {
  return { protoFiles: [], protobufRules: [], pins: [] }
}
