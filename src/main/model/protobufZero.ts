// Protobuf leaves a field at its default out of the wire (proto3 without `optional`): a reading of 0 or false
// arrives as no field at all. A series should plot that 0, not a gap.
import protobuf from 'protobufjs'
import type { FieldPath } from '../../shared/series'

const NUMERIC = new Set(['double', 'float', 'int32', 'uint32', 'sint32', 'fixed32', 'sfixed32', 'int64', 'uint64', 'sint64', 'fixed64', 'sfixed64', 'bool'])

/**
 * Whether `path` ends in a number or bool field of `type` that has no presence (so an absent one reads as 0),
 * through nested message fields; false for anything else (repeated, maps, oneof members, unknown names).
 */
export function absentReadsZero(type: protobuf.Type | undefined, path: FieldPath): boolean {
  let current = type
  for (let i = 0; i < path.length; i++) {
    const step = path[i]
    const field = typeof step === 'string' ? current?.fields[step] : undefined
    if (!field || field.repeated || field.map) return false
    if (i === path.length - 1) return NUMERIC.has(field.type) && !field.hasPresence
    field.resolve()
    current = field.resolvedType instanceof protobuf.Type ? field.resolvedType : undefined
  }
  return false
}
