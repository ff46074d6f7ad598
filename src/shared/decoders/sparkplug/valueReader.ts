// Scalar values and DataSets of a Sparkplug B payload: the oneof fields every value kind shares.
import type { RawValue } from './datatypes'
import type { RawDataSet } from './rawPayload'
import { FIXED32, FIXED64, LENGTH, VARINT, type WireReader } from './wireReader'

export type ScalarKind = 'int' | 'long' | 'float' | 'double' | 'bool' | 'string' | 'bytes' | 'extension'
const WIRE: Record<ScalarKind, number> = {
  int: VARINT, long: VARINT, float: FIXED32, double: FIXED64, bool: VARINT, string: LENGTH, bytes: LENGTH, extension: LENGTH
}

/** Reads one value field of a oneof, checking its wire type. */
export function scalar(r: WireReader, key: number, kind: ScalarKind): RawValue {
  r.expect(key, WIRE[kind], `${kind} value`)
  switch (kind) {
    case 'int':
      return { field: 'int', value: r.uint32() }
    case 'long':
      return { field: 'long', value: r.uint64() }
    case 'float':
      return { field: 'float', value: r.float() }
    case 'double':
      return { field: 'double', value: r.double() }
    case 'bool':
      return { field: 'bool', value: r.bool() }
    case 'string':
      return { field: 'string', value: r.string() }
    case 'bytes':
      return { field: 'bytes', value: r.bytes() }
    case 'extension':
      r.skip(key)
      return { field: 'extension' }
  }
}

/** The value fields shared by Parameter, DataSetValue and PropertyValue, from their first field number on. */
export const SCALARS: ScalarKind[] = ['int', 'long', 'float', 'double', 'bool', 'string']

export function readDataSet(r: WireReader): RawDataSet {
  const ds: RawDataSet = { numColumns: undefined, columns: [], types: [], rows: [] }
  while (!r.done) {
    const key = r.tag()
    const field = key >>> 3
    if (field === 1) {
      r.expect(key, VARINT, 'num_of_columns')
      ds.numColumns = r.uint64()
    } else if (field === 2) {
      r.expect(key, LENGTH, 'columns')
      ds.columns.push(r.string())
    } else if (field === 3) {
      // proto2 repeated scalars may arrive one per field or packed; parsers must accept both.
      if ((key & 7) === LENGTH) {
        const packed = r.message()
        while (!packed.done) ds.types.push(packed.uint32())
      } else {
        r.expect(key, VARINT, 'types')
        ds.types.push(r.uint32())
      }
    } else if (field === 4) {
      r.expect(key, LENGTH, 'rows')
      ds.rows.push(readRow(r.message()))
    } else r.skip(key)
  }
  return ds
}

function readRow(r: WireReader): (RawValue | undefined)[] {
  const cells: (RawValue | undefined)[] = []
  while (!r.done) {
    const key = r.tag()
    if (key >>> 3 === 1) {
      r.expect(key, LENGTH, 'elements')
      cells.push(readOneValue(r.message(), 1))
    } else r.skip(key)
  }
  return cells
}

/** A message holding only a value oneof whose fields start at `first` (DataSetValue). */
function readOneValue(r: WireReader, first: number): RawValue | undefined {
  let value: RawValue | undefined
  while (!r.done) {
    const key = r.tag()
    const index = (key >>> 3) - first
    if (index >= 0 && index < SCALARS.length) value = scalar(r, key, SCALARS[index] as ScalarKind)
    else if (index === SCALARS.length) value = scalar(r, key, 'extension')
    else r.skip(key)
  }
  return value
}
