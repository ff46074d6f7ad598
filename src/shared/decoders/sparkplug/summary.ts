// The one-line summary of a Sparkplug message for tree rows, and the rows of the metrics table view.
import type { SparkplugDataType } from './datatypes'
import type { SparkplugEdgeMessage, SparkplugFlags, SparkplugMessage, SparkplugMetric } from './types'

/** One row of the metrics table view. */
export interface SparkplugMetricRow {
  /** Absent when sent by an alias no birth defined. */
  name?: string
  alias?: bigint
  datatype: SparkplugDataType
  value: unknown
  timestamp?: number
  /** The metric's Quality property (Sparkplug: 0 bad, 192 good, 500 stale), when it has one. */
  quality?: number
  isHistorical: boolean
  isTransient: boolean
  isNull: boolean
  properties?: Record<string, unknown>
  /** Name or datatype taken from the birth certificate. */
  fromBirth: boolean
}

/** The metrics of a message as table rows (STATE messages have none). */
export function metricRows(message: SparkplugMessage): SparkplugMetricRow[] {
  if (message.type === 'STATE') return []
  return message.metrics.map((m) => {
    const row: SparkplugMetricRow = {
      datatype: m.datatype, value: m.value, isHistorical: m.isHistorical, isTransient: m.isTransient, isNull: m.isNull, fromBirth: m.fromBirth
    }
    if (m.name !== undefined) row.name = m.name
    if (m.alias !== undefined) row.alias = m.alias
    if (m.timestamp !== undefined) row.timestamp = m.timestamp
    if (m.properties) {
      row.properties = m.properties
      const quality = m.properties.Quality
      if (typeof quality === 'number') row.quality = quality
    }
    return row
  })
}

/** E.g. `DDATA seq 12 · 3 metrics: Temperature=21.5, Pressure=1013, Valve=true`, flags before the metrics. */
export function sparkplugSummary(message: SparkplugMessage): string {
  if (message.type === 'STATE') {
    const state = `STATE ${message.hostId} ${message.online ? 'online' : 'offline'}`
    return message.legacy ? `${state} (Sparkplug 2.x plain-text STATE; 3.0 hosts send JSON on spBv1.0/STATE/<host>)` : state
  }
  const head: string[] = [message.type]
  if (message.seq !== undefined) head.push(`seq ${message.seq}`)
  if (message.bdSeq !== undefined) head.push(`bdSeq ${message.bdSeq}`)
  const parts = [head.join(' '), ...flagNotes(message)]
  if (message.metrics.length > 0 && message.type !== 'NDEATH') parts.push(metricList(message.metrics))
  return parts.join(' · ')
}

function flagNotes(message: SparkplugEdgeMessage): string[] {
  const flags: SparkplugFlags = message.flags
  const notes: string[] = []
  if (flags.seqGap) notes.push(`seq gap: expected ${flags.seqGap.expected}, got ${flags.seqGap.actual}`)
  if (flags.noBirth) notes.push(message.type === 'DBIRTH' ? 'no NBIRTH seen for its node' : 'no birth seen')
  if (flags.aliasUnknown) notes.push(`unknown alias ${flags.aliasUnknown.join(', ')}`)
  if (flags.staleDeath) notes.push(`stale death (birth has bdSeq ${flags.staleDeath.birthBdSeq}): node stays online`)
  else if (message.type === 'NDEATH') notes.push('node offline')
  else if (message.type === 'DDEATH') notes.push('device offline')
  return notes
}

function metricList(metrics: SparkplugMetric[]): string {
  const shown = metrics.map((m) => `${m.name ?? `alias ${m.alias ?? '?'}`}=${formatValue(m.value)}`)
  return `${metrics.length} metric${metrics.length === 1 ? '' : 's'}: ${shown.join(', ')}`
}

function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') return JSON.stringify(v.length > 24 ? `${v.slice(0, 23)}…` : v)
  if (typeof v !== 'object') return String(v)
  if (v instanceof Uint8Array) return `<${v.length} bytes>`
  if (Array.isArray(v)) return `[${v.slice(0, 3).map(formatValue).join(', ')}${v.length > 3 ? ', …' : ''}]`
  if ('rows' in v && Array.isArray(v.rows)) return `<DataSet ${v.rows.length} rows>`
  if ('isDefinition' in v) return `<Template${'templateRef' in v ? ` ${String(v.templateRef)}` : ''}>`
  return '{…}'
}
