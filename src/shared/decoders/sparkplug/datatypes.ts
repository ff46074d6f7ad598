// Sparkplug B 3.0 datatypes and how each one's value is read from the protobuf value fields.

/** Datatype names in the order of their Sparkplug numbers (0 = Unknown … 34 = DateTimeArray). */
export const DATATYPES = [
  'Unknown', 'Int8', 'Int16', 'Int32', 'Int64', 'UInt8', 'UInt16', 'UInt32', 'UInt64', 'Float', 'Double',
  'Boolean', 'String', 'DateTime', 'Text', 'UUID', 'DataSet', 'Bytes', 'File', 'Template', 'PropertySet',
  'PropertySetList', 'Int8Array', 'Int16Array', 'Int32Array', 'Int64Array', 'UInt8Array', 'UInt16Array',
  'UInt32Array', 'UInt64Array', 'FloatArray', 'DoubleArray', 'BooleanArray', 'StringArray', 'DateTimeArray'
] as const

/** A Sparkplug datatype by name. */
export type SparkplugDataType = (typeof DATATYPES)[number]

/** The name of a datatype number; numbers the specification does not define read as Unknown. */
export function datatypeName(code: number | undefined): SparkplugDataType {
  return (code === undefined ? undefined : DATATYPES[code]) ?? 'Unknown'
}

/** A value exactly as it came off the wire: which oneof field carried it and its raw content. */
export type RawValue =
  | { field: 'int'; value: number }
  | { field: 'long'; value: bigint }
  | { field: 'float'; value: number }
  | { field: 'double'; value: number }
  | { field: 'bool'; value: boolean }
  | { field: 'string'; value: string }
  | { field: 'bytes'; value: Uint8Array }
  | { field: 'extension' }

/**
 * The value a datatype means. Int8–Int32 travel as uint32 (−12 arrives as 4294967284) and Int64 as uint64,
 * so the sign comes from the datatype; 64-bit integers stay `bigint`, DateTime is milliseconds.
 */
export function scalarValue(datatype: SparkplugDataType, raw: RawValue): unknown {
  if (raw.field === 'extension') return undefined
  const v = raw.value
  switch (datatype) {
    case 'Int8':
      return integer(v, (n) => (n << 24) >> 24, 8, true)
    case 'Int16':
      return integer(v, (n) => (n << 16) >> 16, 16, true)
    case 'Int32':
      return integer(v, (n) => n | 0, 32, true)
    case 'UInt8':
      return integer(v, (n) => n & 0xff, 8, false)
    case 'UInt16':
      return integer(v, (n) => n & 0xffff, 16, false)
    case 'UInt32':
      return integer(v, (n) => n >>> 0, 32, false)
    case 'Int64':
      return typeof v === 'bigint' ? BigInt.asIntN(64, v) : typeof v === 'number' ? BigInt(Math.trunc(v) | 0) : v
    case 'UInt64':
      return typeof v === 'bigint' ? BigInt.asUintN(64, v) : typeof v === 'number' ? BigInt(Math.trunc(v) >>> 0) : v
    case 'Float':
      return typeof v === 'number' ? shortestFloat32(v) : v
    case 'DateTime':
      return typeof v === 'bigint' ? Number(BigInt.asIntN(64, v)) : v
    default:
      return raw.field === 'float' ? shortestFloat32(v as number) : v
  }
}

/** Reads a small integer from whichever field carried it: low bits of a uint32 or of a uint64. */
function integer(v: unknown, fromInt: (n: number) => number, bits: number, signed: boolean): unknown {
  if (typeof v === 'number') return fromInt(v)
  if (typeof v === 'bigint') return Number(signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v))
  return v
}

/** A float32 shown with the fewest digits that still read back as the same float32 (21.3, not 21.29999923…). */
export function shortestFloat32(v: number): number {
  if (!Number.isFinite(v)) return v
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(v.toPrecision(digits))
    if (Math.fround(candidate) === v) return candidate
  }
  return v
}

const utf8 = new TextDecoder('utf-8', { fatal: false })

/** Decodes the little-endian packed arrays of Sparkplug 3.0 (types 22–34), which travel in bytes_value. */
export function arrayValue(datatype: SparkplugDataType, bytes: Uint8Array): unknown[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const read = (size: number, get: (offset: number) => unknown): unknown[] => {
    const out: unknown[] = []
    for (let at = 0; at + size <= bytes.length; at += size) out.push(get(at))
    return out
  }
  switch (datatype) {
    case 'Int8Array':
      return read(1, (at) => view.getInt8(at))
    case 'Int16Array':
      return read(2, (at) => view.getInt16(at, true))
    case 'Int32Array':
      return read(4, (at) => view.getInt32(at, true))
    case 'Int64Array':
      return read(8, (at) => view.getBigInt64(at, true))
    case 'UInt8Array':
      return read(1, (at) => view.getUint8(at))
    case 'UInt16Array':
      return read(2, (at) => view.getUint16(at, true))
    case 'UInt32Array':
      return read(4, (at) => view.getUint32(at, true))
    case 'UInt64Array':
      return read(8, (at) => view.getBigUint64(at, true))
    case 'FloatArray':
      return read(4, (at) => shortestFloat32(view.getFloat32(at, true)))
    case 'DoubleArray':
      return read(8, (at) => view.getFloat64(at, true))
    case 'DateTimeArray':
      return read(8, (at) => Number(view.getBigInt64(at, true)))
    case 'BooleanArray':
      return booleanArray(bytes, view)
    case 'StringArray':
      return stringArray(bytes)
    default:
      return undefined
  }
}

/** A 4-byte little-endian count, then the booleans packed eight to a byte, first one in the high bit. */
function booleanArray(bytes: Uint8Array, view: DataView): boolean[] {
  if (bytes.length < 4) return []
  const count = Math.min(view.getUint32(0, true), (bytes.length - 4) * 8)
  const out: boolean[] = []
  for (let i = 0; i < count; i++) out.push(((bytes[4 + (i >> 3)] as number) & (0x80 >> (i & 7))) !== 0)
  return out
}

/** UTF-8 strings, each ended by a zero byte. */
function stringArray(bytes: Uint8Array): string[] {
  const out: string[] = []
  let start = 0
  for (let at = 0; at < bytes.length; at++) {
    if (bytes[at] === 0) {
      out.push(utf8.decode(bytes.subarray(start, at)))
      start = at + 1
    }
  }
  if (start < bytes.length) out.push(utf8.decode(bytes.subarray(start)))
  return out
}

/** Whether a datatype is one of the packed array types. */
export function isArrayType(datatype: SparkplugDataType): boolean {
  return datatype.endsWith('Array')
}
