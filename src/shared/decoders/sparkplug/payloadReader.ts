// Reads a Sparkplug B Payload (sparkplug_b.proto, org.eclipse.tahu.protobuf.Payload) into raw records.
// Field numbers follow the specification's schema; unknown fields and extensions are skipped.
import type { RawMetaData, RawMetric, RawParameter, RawPayload, RawPropertySet, RawPropertyValue, RawTemplate } from './rawPayload'
import { readDataSet, scalar, SCALARS, type ScalarKind } from './valueReader'
import { LENGTH, VARINT, WireReader } from './wireReader'

/** Reads a whole payload; throws WireError where the bytes stop making sense. */
export function readPayload(bytes: Uint8Array): RawPayload {
  const r = new WireReader(bytes)
  const out: RawPayload = { timestamp: undefined, metrics: [], seq: undefined, uuid: undefined, body: undefined }
  while (!r.done) {
    const key = r.tag()
    switch (key >>> 3) {
      case 1:
        r.expect(key, VARINT, 'timestamp')
        out.timestamp = r.uint64Number()
        break
      case 2:
        r.expect(key, LENGTH, 'metrics')
        out.metrics.push(readMetric(r.message()))
        break
      case 3:
        r.expect(key, VARINT, 'seq')
        out.seq = r.uint64Number()
        break
      case 4:
        r.expect(key, LENGTH, 'uuid')
        out.uuid = r.string()
        break
      case 5:
        r.expect(key, LENGTH, 'body')
        out.body = r.bytes()
        break
      default:
        r.skip(key)
    }
  }
  return out
}

function readMetric(r: WireReader): RawMetric {
  const m: RawMetric = {
    name: undefined, alias: undefined, timestamp: undefined, datatype: undefined, isHistorical: false,
    isTransient: false, isNull: false, metadata: undefined, properties: undefined, value: undefined
  }
  while (!r.done) {
    const key = r.tag()
    const field = key >>> 3
    switch (field) {
      case 1:
        r.expect(key, LENGTH, 'name')
        m.name = r.string()
        break
      case 2:
        r.expect(key, VARINT, 'alias')
        m.alias = r.uint64()
        break
      case 3:
        r.expect(key, VARINT, 'timestamp')
        m.timestamp = r.uint64Number()
        break
      case 4:
        r.expect(key, VARINT, 'datatype')
        m.datatype = r.uint32()
        break
      case 5:
      case 6:
      case 7: {
        r.expect(key, VARINT, 'flag')
        const flag = r.bool()
        if (field === 5) m.isHistorical = flag
        else if (field === 6) m.isTransient = flag
        else m.isNull = flag
        break
      }
      case 8:
        r.expect(key, LENGTH, 'metadata')
        m.metadata = readMetaData(r.message())
        break
      case 9:
        r.expect(key, LENGTH, 'properties')
        m.properties = readPropertySet(r.message())
        break
      case 16:
        m.value = scalar(r, key, 'bytes')
        break
      case 17:
        r.expect(key, LENGTH, 'dataset_value')
        m.value = { field: 'dataset', value: readDataSet(r.message()) }
        break
      case 18:
        r.expect(key, LENGTH, 'template_value')
        m.value = { field: 'template', value: readTemplate(r.message()) }
        break
      case 19:
        m.value = scalar(r, key, 'extension')
        break
      default:
        if (field >= 10 && field <= 15) m.value = scalar(r, key, SCALARS[field - 10] as ScalarKind)
        else r.skip(key)
    }
  }
  return m
}

function readMetaData(r: WireReader): RawMetaData {
  const d: RawMetaData = {}
  while (!r.done) {
    const key = r.tag()
    const field = key >>> 3
    if (field === 1) {
      r.expect(key, VARINT, 'is_multi_part')
      d.isMultiPart = r.bool()
    } else if (field === 3 || field === 4) {
      r.expect(key, VARINT, field === 3 ? 'size' : 'seq')
      d[field === 3 ? 'size' : 'seq'] = r.uint64()
    } else if (field >= 2 && field <= 8) {
      r.expect(key, LENGTH, 'metadata text')
      const names = { 2: 'contentType', 5: 'fileName', 6: 'fileType', 7: 'md5', 8: 'description' } as const
      d[names[field as 2 | 5 | 6 | 7 | 8]] = r.string()
    } else r.skip(key)
  }
  return d
}

function readPropertySet(r: WireReader): RawPropertySet {
  const set: RawPropertySet = { keys: [], values: [] }
  while (!r.done) {
    const key = r.tag()
    const field = key >>> 3
    if (field === 1) {
      r.expect(key, LENGTH, 'keys')
      set.keys.push(r.string())
    } else if (field === 2) {
      r.expect(key, LENGTH, 'values')
      set.values.push(readPropertyValue(r.message()))
    } else r.skip(key)
  }
  return set
}

function readPropertyValue(r: WireReader): RawPropertyValue {
  const p: RawPropertyValue = { type: undefined, isNull: false, value: undefined }
  while (!r.done) {
    const key = r.tag()
    const field = key >>> 3
    if (field === 1) {
      r.expect(key, VARINT, 'type')
      p.type = r.uint32()
    } else if (field === 2) {
      r.expect(key, VARINT, 'is_null')
      p.isNull = r.bool()
    } else if (field >= 3 && field <= 8) p.value = scalar(r, key, SCALARS[field - 3] as ScalarKind)
    else if (field === 9) {
      r.expect(key, LENGTH, 'propertyset_value')
      p.value = { field: 'propertyset', value: readPropertySet(r.message()) }
    } else if (field === 10) {
      r.expect(key, LENGTH, 'propertysets_value')
      p.value = { field: 'propertysetlist', value: readPropertySetList(r.message()) }
    } else if (field === 11) p.value = scalar(r, key, 'extension')
    else r.skip(key)
  }
  return p
}

function readPropertySetList(r: WireReader): RawPropertySet[] {
  const list: RawPropertySet[] = []
  while (!r.done) {
    const key = r.tag()
    if (key >>> 3 === 1) {
      r.expect(key, LENGTH, 'propertyset')
      list.push(readPropertySet(r.message()))
    } else r.skip(key)
  }
  return list
}

function readTemplate(r: WireReader): RawTemplate {
  const t: RawTemplate = { version: undefined, metrics: [], parameters: [], templateRef: undefined, isDefinition: false }
  while (!r.done) {
    const key = r.tag()
    switch (key >>> 3) {
      case 1:
        r.expect(key, LENGTH, 'version')
        t.version = r.string()
        break
      case 2:
        r.expect(key, LENGTH, 'metrics')
        t.metrics.push(readMetric(r.message()))
        break
      case 3:
        r.expect(key, LENGTH, 'parameters')
        t.parameters.push(readParameter(r.message()))
        break
      case 4:
        r.expect(key, LENGTH, 'template_ref')
        t.templateRef = r.string()
        break
      case 5:
        r.expect(key, VARINT, 'is_definition')
        t.isDefinition = r.bool()
        break
      default:
        r.skip(key)
    }
  }
  return t
}

function readParameter(r: WireReader): RawParameter {
  const p: RawParameter = { name: undefined, type: undefined, value: undefined }
  while (!r.done) {
    const key = r.tag()
    const field = key >>> 3
    if (field === 1) {
      r.expect(key, LENGTH, 'name')
      p.name = r.string()
    } else if (field === 2) {
      r.expect(key, VARINT, 'type')
      p.type = r.uint32()
    } else if (field >= 3 && field <= 8) p.value = scalar(r, key, SCALARS[field - 3] as ScalarKind)
    else if (field === 9) p.value = scalar(r, key, 'extension')
    else r.skip(key)
  }
  return p
}
