// What the Sparkplug decoder hands to views: plain trees (bigint for 64-bit integers, Uint8Array for bytes).
import type { SparkplugDataType } from './datatypes'

/** The eight edge-node message types of Sparkplug B. */
export const EDGE_MESSAGE_TYPES = ['NBIRTH', 'NDEATH', 'NDATA', 'NCMD', 'DBIRTH', 'DDEATH', 'DDATA', 'DCMD'] as const

/** An edge-node message type (STATE is the host's and has its own shape). */
export type EdgeMessageType = (typeof EDGE_MESSAGE_TYPES)[number]

/** A decoded metric with its name and datatype resolved (from the message itself or from the birth). */
export interface SparkplugMetric {
  /** Absent when the metric came by alias and no birth defined that alias. */
  name?: string
  alias?: bigint
  datatype: SparkplugDataType
  /** Typed per datatype: number, bigint (Int64/UInt64), boolean, string, Uint8Array, arrays, DataSet, Template, PropertySet; null when is_null. */
  value: unknown
  /** Milliseconds since the epoch. */
  timestamp?: number
  isHistorical: boolean
  isTransient: boolean
  isNull: boolean
  properties?: Record<string, unknown>
  metadata?: Record<string, unknown>
  /** True when the name or the datatype came from the birth certificate rather than this message. */
  fromBirth: boolean
}

/** A DataSet metric's value. */
export interface SparkplugDataSet {
  columns: string[]
  types: SparkplugDataType[]
  rows: unknown[][]
}

/** A Template metric's value (a definition or an instance). */
export interface SparkplugTemplate {
  templateRef?: string
  version?: string
  isDefinition: boolean
  parameters: { name?: string; type: SparkplugDataType; value: unknown }[]
  metrics: SparkplugMetric[]
}

/** What the decoder noticed against what the connection learned so far. */
export interface SparkplugFlags {
  /** The sequence number is not the previous one plus one (mod 256). */
  seqGap?: { expected: number; actual: number }
  /** No current birth for this node or device (never seen, or it died since): names and types may be missing. */
  noBirth?: boolean
  /** Aliases the birth did not define. */
  aliasUnknown?: bigint[]
  /** An NDEATH whose bdSeq is not the current birth's: an old session's will, so the node stays online. */
  staleDeath?: { bdSeq: bigint; birthBdSeq: bigint }
}

/** A decoded edge-node message. */
export interface SparkplugEdgeMessage {
  type: EdgeMessageType
  groupId: string
  edgeNodeId: string
  deviceId?: string
  timestamp?: number
  seq?: number
  uuid?: string
  body?: Uint8Array
  /** The bdSeq metric of an NBIRTH or NDEATH. */
  bdSeq?: bigint
  metrics: SparkplugMetric[]
  flags: SparkplugFlags
}

/** A decoded host application STATE message. */
export interface SparkplugStateMessage {
  type: 'STATE'
  hostId: string
  online: boolean
  timestamp?: number
  /** Sparkplug 2.x form: plain text ONLINE/OFFLINE (on STATE/<host> rather than spBv1.0/STATE/<host>). */
  legacy: boolean
}

/** Any decoded Sparkplug message; the `message` of a `{ kind: 'sparkplug' }` decode. */
export type SparkplugMessage = SparkplugEdgeMessage | SparkplugStateMessage

/** The outcome of decoding one Sparkplug message. */
export type SparkplugOutcome = { ok: true; message: SparkplugMessage } | { ok: false; error: string }

/** A metric as a birth certificate defined it. */
export interface MetricDefinition {
  name: string
  alias?: bigint
  datatype: SparkplugDataType
  /** Datatypes of a template instance's member metrics, by name, for data that leaves them out. */
  members?: Map<string, SparkplugDataType>
}

/** What an edge node's or device's birth defined, and whether it is alive. */
export interface SparkplugEndpointStatus {
  groupId: string
  edgeNodeId: string
  deviceId?: string
  online: boolean
  /** When the last birth arrived (receivedAt passed to observe). */
  birthAt?: number
  /** When the death that took it offline arrived. */
  deathAt?: number
  metrics: MetricDefinition[]
}

/** An edge node's status; its bdSeq is the one its current birth announced. */
export interface SparkplugNodeStatus extends SparkplugEndpointStatus {
  bdSeq?: bigint
  /** The last sequence number seen from this node. */
  seq?: number
  devices: string[]
}

/** A host application's last STATE. */
export interface SparkplugHostStatus {
  hostId: string
  online: boolean
  timestamp?: number
  receivedAt: number
  legacy: boolean
}
