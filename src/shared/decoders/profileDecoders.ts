import type { DecoderPrefs } from '../contract/decoderPrefs'
import { compileTopicFilter } from '../topics'
import { compileProtobufSchemas, type ProtobufSchemas } from './protobuf'
import { detectDecoder, type DecoderChoice, type DecoderContext } from './index'
import type { DecodeInput, DecoderId } from './types'

/** A profile's decoder settings made ready to use: compiled schemas (or the compile error) and the pins. */
export interface ProfileDecoders {
  /** What decoders need beyond the bytes; Protobuf is detected only by the rules compiled here. */
  context: DecoderContext
  /** The sentence compileProtobufSchemas returned, or null when the files compile (or there are none). */
  protobufError: string | null
  /** Whether the profile maps any topic to a Protobuf type, so the viewer offers the Protobuf decoder. */
  hasProtobufRules: boolean
  /** The compile error when a rule is meant for this topic but the files do not compile; else null. */
  protobufProblemFor(topic: string): string | null
  /** The decoder pinned to a topic (the first pin whose filter matches), or undefined when none applies. */
  pinFor(topic: string): DecoderId | undefined
  /**
   * The decoder to use: the user's choice, else the topic's pin, else auto-detection with the profile's schemas.
   * A rule whose files do not compile still picks Protobuf on its topics; protobufProblemFor says why it fails.
   */
  decoderFor(input: DecodeInput, choice?: DecoderChoice): DecoderId
}

// Compiling .proto files is costly: the same settings object (a profile unchanged) compiles once.
const compiled = new WeakMap<DecoderPrefs, ProfileDecoders>()

/** The ready form of a profile's decoder settings, memoized per settings object. */
export function profileDecoders(prefs: DecoderPrefs): ProfileDecoders {
  const cached = compiled.get(prefs)
  if (cached) return cached
  const result = prefs.protoFiles.length > 0 || prefs.protobufRules.length > 0 ? compileProtobufSchemas(prefs.protoFiles, prefs.protobufRules) : null
  const schemas: ProtobufSchemas | null = result && 'schemas' in result ? result.schemas : null
  const protobufError = result && 'error' in result ? result.error : null
  const ruleFilters = protobufError ? prefs.protobufRules.map((rule) => compileTopicFilter(rule.filter)) : []
  const pins = prefs.pins.map((pin) => ({ matches: compileTopicFilter(pin.filter), decoder: pin.decoder }))
  const context: DecoderContext = { protobuf: schemas }
  const pinFor = (topic: string): DecoderId | undefined => pins.find((pin) => pin.matches(topic))?.decoder
  const ready: ProfileDecoders = {
    context,
    protobufError,
    hasProtobufRules: prefs.protobufRules.length > 0,
    protobufProblemFor: (topic) => (ruleFilters.some((matches) => matches(topic)) ? protobufError : null),
    pinFor,
    decoderFor: (input, choice = 'auto') => {
      if (choice !== 'auto') return choice
      return pinFor(input.topic) ?? (ruleFilters.some((matches) => matches(input.topic)) ? 'protobuf' : detectDecoder(input, context))
    }
  }
  compiled.set(prefs, ready)
  return ready
}

/** The pinned decoder for a topic under these settings (see ProfileDecoders.pinFor). */
export function resolveDecoderPin(prefs: DecoderPrefs, topic: string): DecoderId | undefined {
  return profileDecoders(prefs).pinFor(topic)
}
