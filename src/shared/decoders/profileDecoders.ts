import type { DecoderPrefs } from '../contract/decoderPrefs'
import { compileTopicFilter } from '../topics'
import { compileProtobufSchemas, type ProtobufSchemas } from './protobuf'
import type { DecoderChoice } from './index'

/** A profile's decoder settings made ready to use: compiled schemas (or the compile error) and the pin for a topic. */
export interface ProfileDecoders {
  protobuf: ProtobufSchemas | null
  /** The sentence compileProtobufSchemas returned, shown where the user edits the files. */
  protobufError: string | null
  /** The pinned decoder for a topic (first matching pin), or `auto` when none applies. */
  choiceFor(topic: string): DecoderChoice
}

// Compiling .proto files is costly; the same settings object (a profile unchanged) compiles once.
const compiled = new WeakMap<DecoderPrefs, ProfileDecoders>()

export function profileDecoders(prefs: DecoderPrefs): ProfileDecoders {
  const cached = compiled.get(prefs)
  if (cached) return cached
  const result = prefs.protoFiles.length > 0 || prefs.protobufRules.length > 0 ? compileProtobufSchemas(prefs.protoFiles, prefs.protobufRules) : null
  const pins = prefs.pins.map((pin) => ({ matches: compileTopicFilter(pin.filter), decoder: pin.decoder }))
  const ready: ProfileDecoders = {
    protobuf: result && 'schemas' in result ? result.schemas : null,
    protobufError: result && 'error' in result ? result.error : null,
    choiceFor: (topic) => pins.find((pin) => pin.matches(topic))?.decoder ?? 'auto'
  }
  compiled.set(prefs, ready)
  return ready
}
