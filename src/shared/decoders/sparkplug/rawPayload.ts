// The raw records of a Sparkplug B Payload as payloadReader.ts reads them, before names and datatypes resolve.
import type { RawValue } from './datatypes'

/** A property value as sent: its type number and the oneof that carried it. */
export interface RawPropertyValue {
  type: number | undefined
  isNull: boolean
  value: RawValue | { field: 'propertyset'; value: RawPropertySet } | { field: 'propertysetlist'; value: RawPropertySet[] } | undefined
}

/** Parallel keys and values of a PropertySet. */
export interface RawPropertySet {
  keys: string[]
  values: RawPropertyValue[]
}

/** A DataSet as sent: column names, type numbers and rows of raw cells. */
export interface RawDataSet {
  numColumns: bigint | undefined
  columns: string[]
  types: number[]
  rows: (RawValue | undefined)[][]
}

/** A template parameter as sent. */
export interface RawParameter {
  name: string | undefined
  type: number | undefined
  value: RawValue | undefined
}

/** A Template (definition or instance) as sent. */
export interface RawTemplate {
  version: string | undefined
  metrics: RawMetric[]
  parameters: RawParameter[]
  templateRef: string | undefined
  isDefinition: boolean
}

/** Metric metadata (files, multi-part bytes). */
export interface RawMetaData {
  isMultiPart?: boolean
  contentType?: string
  size?: bigint
  seq?: bigint
  fileName?: string
  fileType?: string
  md5?: string
  description?: string
}

/** A metric as sent, before names and datatypes are resolved against a birth. */
export interface RawMetric {
  name: string | undefined
  alias: bigint | undefined
  timestamp: number | undefined
  datatype: number | undefined
  isHistorical: boolean
  isTransient: boolean
  isNull: boolean
  metadata: RawMetaData | undefined
  properties: RawPropertySet | undefined
  value: RawValue | { field: 'dataset'; value: RawDataSet } | { field: 'template'; value: RawTemplate } | undefined
}

/** A whole Payload as sent. */
export interface RawPayload {
  timestamp: number | undefined
  metrics: RawMetric[]
  seq: number | undefined
  uuid: string | undefined
  body: Uint8Array | undefined
}
