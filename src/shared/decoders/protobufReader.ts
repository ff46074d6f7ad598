// Decodes protobuf bytes by walking protobufjs's reflection types with its Reader. protobufjs's own
// Type.decode compiles code with `new Function`, which the renderer's Content-Security-Policy forbids
// (script-src 'self', no 'unsafe-eval'), so both sides use this walker instead; it also keeps 64-bit
// integers exact as bigint and knows the byte offset where bad data starts.
import protobuf from 'protobufjs'

/** Bad protobuf data: what is wrong and the byte offset where reading failed. */
export class ProtobufDataError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number
  ) {
    super(`${reason} at byte ${offset}`)
    this.name = 'ProtobufDataError'
  }
}

const WIRE = { varint: 0, fixed64: 1, delimited: 2, fixed32: 5 } as const
const MAX_DEPTH = 64

type Long = { toString(): string; unsigned?: boolean }

function bigintOf(value: Long | number, signed: boolean): bigint {
  const exact = typeof value === 'number' ? BigInt(value) : BigInt(value.toString())
  return signed ? BigInt.asIntN(64, exact) : BigInt.asUintN(64, exact)
}

function readScalar(type: string, reader: protobuf.Reader): unknown {
  switch (type) {
    case 'double': return reader.double()
    case 'float': return reader.float()
    case 'int32': return reader.int32()
    case 'uint32': return reader.uint32()
    case 'sint32': return reader.sint32()
    case 'fixed32': return reader.fixed32()
    case 'sfixed32': return reader.sfixed32()
    case 'int64': return bigintOf(reader.int64() as Long, true)
    case 'uint64': return bigintOf(reader.uint64() as Long, false)
    case 'sint64': return bigintOf(reader.sint64() as Long, true)
    case 'fixed64': return bigintOf(reader.fixed64() as Long, false)
    case 'sfixed64': return bigintOf(reader.sfixed64() as Long, true)
    case 'bool': return reader.bool()
    case 'string': return reader.string()
    case 'bytes': return new Uint8Array(reader.bytes())
    default: throw new Error(`unknown scalar type ${type}`)
  }
}

function expectedWire(field: protobuf.FieldBase): number {
  const basic = (protobuf.types.basic as Record<string, number | undefined>)[field.type]
  if (basic !== undefined) return basic
  return field.resolvedType instanceof protobuf.Enum ? WIRE.varint : WIRE.delimited
}

/** How to read one field, worked out once per type (resolving names per message costs more than reading). */
interface FieldPlan {
  name: string
  type: string
  wire: number
  repeated: boolean
  /** Packed repeated scalars arrive as one length-delimited run. */
  packable: boolean
  mapKeyType: string | null
  read(reader: protobuf.Reader, depth: number): unknown
}

const plans = new WeakMap<protobuf.Type, Map<number, FieldPlan>>()

function planOf(type: protobuf.Type): Map<number, FieldPlan> {
  let plan = plans.get(type)
  if (plan) return plan
  plan = new Map()
  for (const field of type.fieldsArray) {
    field.resolve()
    const resolved = field.resolvedType
    const wire = expectedWire(field)
    const read: FieldPlan['read'] = resolved instanceof protobuf.Type
      ? (reader, depth) => readMessage(resolved, reader, reader.uint32(), depth + 1)
      : resolved instanceof protobuf.Enum
        ? (reader) => {
            const number = reader.int32()
            return resolved.valuesById[number] ?? number
          }
        : (reader) => readScalar(field.type, reader)
    const mapKeyType = field instanceof protobuf.MapField ? (field as protobuf.MapField).keyType : null
    plan.set(field.id, { name: field.name, type: field.type, wire, repeated: field.repeated, packable: field.repeated && wire !== WIRE.delimited, mapKeyType, read })
  }
  plans.set(type, plan)
  return plan
}

function readMapEntry(field: FieldPlan, reader: protobuf.Reader, depth: number): [unknown, unknown] {
  const end = reader.pos + reader.uint32()
  let key: unknown
  let value: unknown
  while (reader.pos < end) {
    const tag = reader.uint32()
    if (tag >>> 3 === 1) key = readScalar(field.mapKeyType as string, reader)
    else if (tag >>> 3 === 2) value = field.read(reader, depth)
    else reader.skipType(tag & 7)
  }
  return [key, value]
}

function readMessage(type: protobuf.Type, reader: protobuf.Reader, length: number, depth: number): Record<string, unknown> {
  if (depth > MAX_DEPTH) throw new ProtobufDataError(`messages nested more than ${MAX_DEPTH} deep`, reader.pos)
  const end = reader.pos + length
  if (end > reader.len) throw new ProtobufDataError(`a nested ${type.name} runs past the end of the data`, reader.pos)
  const plan = planOf(type)
  const message: Record<string, unknown> = {}
  while (reader.pos < end) {
    const start = reader.pos
    const tag = reader.uint32()
    const wire = tag & 7
    const field = plan.get(tag >>> 3)
    if (!field) {
      // Unknown fields are kept by number, as protoc --decode does, so nothing is hidden.
      const skipped = reader.pos
      reader.skipType(wire)
      ;((message[`#${tag >>> 3}`] ??= []) as unknown[]).push(new Uint8Array(reader.buf.subarray(skipped, reader.pos)))
      continue
    }
    if (field.mapKeyType !== null) {
      const [key, value] = readMapEntry(field, reader, depth)
      ;((message[field.name] ??= {}) as Record<string, unknown>)[String(key)] = value
      continue
    }
    const packed = field.packable && wire === WIRE.delimited
    if (!packed && wire !== field.wire) throw new ProtobufDataError(`field "${field.name}" has wire type ${wire} where ${field.type} needs ${field.wire}`, start)
    if (packed) {
      const list = (message[field.name] ??= []) as unknown[]
      const packedEnd = reader.uint32() + reader.pos
      while (reader.pos < packedEnd) list.push(field.read(reader, depth))
    } else if (field.repeated) {
      ;((message[field.name] ??= []) as unknown[]).push(field.read(reader, depth))
    } else {
      message[field.name] = field.read(reader, depth)
    }
  }
  if (reader.pos !== end) throw new ProtobufDataError(`a field of ${type.name} runs past its end`, end)
  return message
}

/** Decodes `bytes` as `type`; throws ProtobufDataError with the byte offset when the data does not fit. */
export function decodeProtobuf(type: protobuf.Type, bytes: Uint8Array): Record<string, unknown> {
  const reader = protobuf.Reader.create(bytes)
  try {
    return readMessage(type, reader, bytes.length, 0)
  } catch (error) {
    if (error instanceof ProtobufDataError) throw error
    const message = error instanceof Error ? error.message : String(error)
    if (/index out of range/.test(message)) throw new ProtobufDataError('the data ends early (truncated?)', reader.pos)
    throw new ProtobufDataError(message.replace(/ at offset \d+$/, ''), reader.pos)
  }
}
