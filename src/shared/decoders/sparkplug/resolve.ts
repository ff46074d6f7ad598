// Turns raw metrics into typed ones, taking names and datatypes from birth definitions where the message
// leaves them out (data by alias, Int32 values whose sign only the birth's datatype tells).
import { arrayValue, datatypeName, isArrayType, scalarValue, type SparkplugDataType } from './datatypes'
import type { RawDataSet, RawMetric, RawPropertySet, RawPropertyValue, RawTemplate } from './rawPayload'
import type { MetricDefinition, SparkplugDataSet, SparkplugMetric, SparkplugTemplate } from './types'

/** A birth's metric definitions, looked up by name and by alias. */
export interface Definitions {
  byName: Map<string, MetricDefinition>
  byAlias: Map<bigint, MetricDefinition>
}

/** The definitions a birth certificate makes. */
export function definitionsOf(metrics: RawMetric[]): Definitions {
  const defs: Definitions = { byName: new Map(), byAlias: new Map() }
  for (const m of metrics) {
    if (m.name === undefined) continue
    const def: MetricDefinition = { name: m.name, datatype: datatypeName(m.datatype) }
    if (m.alias !== undefined) def.alias = m.alias
    if (m.value?.field === 'template') def.members = memberTypes(m.value.value)
    defs.byName.set(m.name, def)
    if (m.alias !== undefined) defs.byAlias.set(m.alias, def)
  }
  return defs
}

function memberTypes(t: RawTemplate): Map<string, SparkplugDataType> {
  const types = new Map<string, SparkplugDataType>()
  for (const m of t.metrics) if (m.name !== undefined && m.datatype !== undefined) types.set(m.name, datatypeName(m.datatype))
  return types
}

/** Resolves metrics; aliases that `defs` does not know are reported to `unknownAlias` (when defs exist). */
export function resolveMetrics(metrics: RawMetric[], defs: Definitions | undefined, unknownAlias: (alias: bigint) => void): SparkplugMetric[] {
  return metrics.map((raw) => {
    const def = raw.name !== undefined ? defs?.byName.get(raw.name) : raw.alias !== undefined ? defs?.byAlias.get(raw.alias) : undefined
    if (defs && raw.name === undefined && raw.alias !== undefined && !def) unknownAlias(raw.alias)
    return resolveMetric(raw, def, def?.members)
  })
}

function resolveMetric(raw: RawMetric, def: MetricDefinition | undefined, members: Map<string, SparkplugDataType> | undefined): SparkplugMetric {
  const datatype = raw.datatype !== undefined ? datatypeName(raw.datatype) : def?.datatype ?? 'Unknown'
  const metric: SparkplugMetric = {
    datatype,
    value: raw.isNull ? null : metricValue(raw, datatype, members),
    isHistorical: raw.isHistorical,
    isTransient: raw.isTransient,
    isNull: raw.isNull,
    fromBirth: def !== undefined && (raw.name === undefined || raw.datatype === undefined)
  }
  const name = raw.name ?? def?.name
  if (name !== undefined) metric.name = name
  if (raw.alias !== undefined) metric.alias = raw.alias
  if (raw.timestamp !== undefined) metric.timestamp = raw.timestamp
  if (raw.properties) metric.properties = propertySet(raw.properties)
  if (raw.metadata) metric.metadata = { ...raw.metadata }
  return metric
}

function metricValue(raw: RawMetric, datatype: SparkplugDataType, members: Map<string, SparkplugDataType> | undefined): unknown {
  const v = raw.value
  if (v === undefined) return null
  if (v.field === 'dataset') return dataSet(v.value)
  if (v.field === 'template') return template(v.value, members)
  if (v.field === 'bytes' && isArrayType(datatype)) return arrayValue(datatype, v.value)
  return scalarValue(datatype, v)
}

function dataSet(ds: RawDataSet): SparkplugDataSet {
  const types = ds.types.map(datatypeName)
  return {
    columns: ds.columns,
    types,
    rows: ds.rows.map((row) => row.map((cell, i) => (cell === undefined ? null : scalarValue(types[i] ?? 'Unknown', cell))))
  }
}

function template(t: RawTemplate, members: Map<string, SparkplugDataType> | undefined): SparkplugTemplate {
  const out: SparkplugTemplate = {
    isDefinition: t.isDefinition,
    parameters: t.parameters.map((p) => {
      const type = datatypeName(p.type)
      const param: SparkplugTemplate['parameters'][number] = { type, value: p.value ? scalarValue(type, p.value) : null }
      if (p.name !== undefined) param.name = p.name
      return param
    }),
    metrics: t.metrics.map((m) => {
      const type = m.name !== undefined ? members?.get(m.name) : undefined
      return resolveMetric(m, type && m.name !== undefined ? { name: m.name, datatype: type } : undefined, undefined)
    })
  }
  if (t.templateRef !== undefined) out.templateRef = t.templateRef
  if (t.version !== undefined) out.version = t.version
  return out
}

/** A PropertySet as a plain object of typed values (keys set without touching Object.prototype). */
function propertySet(set: RawPropertySet): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  set.keys.forEach((key, i) => {
    const value = set.values[i]
    Object.defineProperty(out, key, { value: value ? propertyValue(value) : null, enumerable: true, writable: true, configurable: true })
  })
  return out
}

function propertyValue(p: RawPropertyValue): unknown {
  const v = p.value
  if (p.isNull || v === undefined) return null
  if (v.field === 'propertyset') return propertySet(v.value)
  if (v.field === 'propertysetlist') return v.value.map(propertySet)
  return scalarValue(datatypeName(p.type), v)
}
