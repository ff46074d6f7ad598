import { metricRows, stringifyValue, type SparkplugHistory, type SparkplugMessage } from '@shared/decoders'

/** One metric as the table shows it: every cell as text. */
export interface MetricCells {
  name: string
  alias: string
  type: string
  value: string
  timestamp: string
  quality: string
}

const QUALITY: Record<number, string> = { 0: 'bad', 192: 'good', 500: 'stale' }

function valueText(value: unknown, isNull: boolean): string {
  if (isNull || value === null || value === undefined) return 'null'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value)
  if (value instanceof Uint8Array) return `${value.length} bytes`
  return stringifyValue(value)
}

/** The metrics table's rows: names resolved from the birth, values by their datatype, quality in words. */
export function metricCells(message: SparkplugMessage): MetricCells[] {
  return metricRows(message).map((row) => ({
    name: row.name ?? '(alias not in any birth)',
    alias: row.alias === undefined ? '' : String(row.alias),
    type: row.datatype,
    value: valueText(row.value, row.isNull),
    timestamp: row.timestamp === undefined ? '' : new Date(row.timestamp).toISOString(),
    quality: row.quality === undefined ? '' : `${QUALITY[row.quality] ?? 'other'} (${row.quality})`
  }))
}

/** Sentences about what the state noticed: a seq gap, data with no birth, unknown aliases, a node gone offline. */
export function sparkplugNotes(message: SparkplugMessage, now: SparkplugHistory['now']): string[] {
  if (message.type === 'STATE') return [`Host application ${message.hostId} is ${message.online ? 'online' : 'offline'}.`]
  const notes: string[] = []
  const { seqGap, noBirth, aliasUnknown, staleDeath } = message.flags
  if (seqGap) notes.push(`Sequence gap: seq ${seqGap.actual} came where ${seqGap.expected} was expected, so messages from this node were lost or reordered.`)
  if (noBirth) notes.push('No birth certificate from this node or device was in force when this arrived, so names and types may be missing; a rebirth request (NCMD Node Control/Rebirth) fixes that.')
  if (aliasUnknown) notes.push(`Alias ${aliasUnknown.join(', ')} is not defined by the birth in force, so its name and type are unknown.`)
  if (staleDeath) notes.push(`This death carries bdSeq ${staleDeath.bdSeq}, but the node's current birth has ${staleDeath.birthBdSeq}: it is an old session's will, and the node stays online.`)
  if (now && !now.node) notes.push('The edge node is offline now (its death certificate arrived after its last birth).')
  else if (now?.device === false) notes.push('The device is offline now (its death certificate arrived after its last birth).')
  return notes
}
