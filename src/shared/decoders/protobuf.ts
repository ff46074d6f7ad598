import protobuf from 'protobufjs'
import { compileTopicFilter, type TopicMatcher } from '../topics'
import { decodeProtobuf, ProtobufDataError } from './protobufReader'
import { SUMMARY_LENGTH, summaryLine, type PayloadDecoder } from './types'
import { summarizeValue } from './valueTree'

/** One .proto file a user added to a profile: its name (for imports and messages) and its text. */
export interface ProtoFile {
  name: string
  source: string
}

/** Payloads on topics matching `filter` are messages of `type` (fully qualified, e.g. `factory.v1.Reading`). */
export interface ProtobufRule {
  filter: string
  type: string
}

/** A profile's .proto files compiled, with its rules tied to their types; first matching rule wins. */
export interface ProtobufSchemas {
  root: protobuf.Root
  rules: Array<{ rule: ProtobufRule; matches: TopicMatcher; type: protobuf.Type }>
}

/** What the Protobuf decoder needs: the profile's compiled schemas, or null when it has none. */
export interface ProtobufContext {
  protobuf: ProtobufSchemas | null
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^illegal /, 'unexpected ')
}

/**
 * Compiles the files into one schema (imports between them resolve by name; google/protobuf/*.proto are built
 * in) and binds the rules to their types. Returns a sentence naming the file or type when something is wrong.
 */
export function compileProtobufSchemas(files: readonly ProtoFile[], rules: readonly ProtobufRule[]): { schemas: ProtobufSchemas } | { error: string } {
  const root = new protobuf.Root()
  for (const file of files) {
    try {
      const parsed = protobuf.parse(file.source, root, { keepCase: true, alternateCommentMode: true })
      for (const name of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) {
        const builtIn = protobuf.common.get(name)
        if (builtIn) root.addJSON(builtIn.nested ?? {})
        else if (!files.some((f) => f.name === name || f.name.endsWith(`/${name}`) || name.endsWith(`/${f.name}`))) {
          return { error: `${file.name} imports "${name}", which is not among the profile's .proto files; add it.` }
        }
      }
    } catch (error) {
      return { error: `${file.name} is not a valid .proto file: ${reasonOf(error)}.` }
    }
  }
  try {
    root.resolveAll()
  } catch (error) {
    return { error: `The .proto files do not fit together: ${reasonOf(error)}. Add the file that defines it.` }
  }
  const bound: ProtobufSchemas['rules'] = []
  for (const rule of rules) {
    const type = root.lookup(rule.type.replace(/^\./, ''))
    if (!(type instanceof protobuf.Type)) return { error: `No message type "${rule.type}" is defined in the profile's .proto files (for topics "${rule.filter}").` }
    bound.push({ rule, matches: compileTopicFilter(rule.filter), type })
  }
  return { schemas: { root, rules: bound } }
}

/** Every message type the compiled files define, fully qualified (`factory.v1.Reading`), sorted. */
export function protobufMessageTypes(schemas: ProtobufSchemas): string[] {
  const names: string[] = []
  const visit = (namespace: protobuf.NamespaceBase): void => {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Type) names.push(nested.fullName.replace(/^\./, ''))
      if (nested instanceof protobuf.Namespace) visit(nested)
    }
  }
  visit(schemas.root)
  return names.filter((name) => !name.startsWith('google.protobuf.')).sort()
}

/** The rule that applies to a topic, if any. */
export function protobufRuleFor(schemas: ProtobufSchemas | null, topic: string): ProtobufSchemas['rules'][number] | undefined {
  return schemas?.rules.find((entry) => entry.matches(topic))
}

/** Protobuf messages of the type a profile's rule maps to the topic; detected only by such a rule. */
export const protobufDecoder: PayloadDecoder<ProtobufContext> = {
  id: 'protobuf',
  label: 'Protobuf',
  detects: ({ topic }, context) => protobufRuleFor(context.protobuf, topic) !== undefined,
  decode({ bytes, topic }, context) {
    const entry = protobufRuleFor(context.protobuf, topic)
    if (!entry) return { ok: false, decoder: 'protobuf', error: `No Protobuf type is mapped to "${topic}". Add a .proto file and a rule for this topic to the profile.` }
    const name = entry.type.fullName.replace(/^\./, '')
    try {
      const value = decodeProtobuf(entry.type, bytes)
      return { ok: true, decoder: 'protobuf', decoded: { kind: 'value', value }, summary: summaryLine(`${entry.type.name} ${summarizeValue(value, SUMMARY_LENGTH)}`) }
    } catch (error) {
      const where = error instanceof ProtobufDataError ? `${error.reason} at byte ${error.offset}` : reasonOf(error)
      return { ok: false, decoder: 'protobuf', error: `This payload is not a valid ${name} (Protobuf): ${where}. Check the type mapped to "${entry.rule.filter}".` }
    }
  }
}
