// Per-connection Sparkplug state: what births defined, who is alive, where each node's seq stands.
// The owner feeds messages in arrival order (live or replayed from history); decoding never runs on ingest.
import { readPayload } from './payloadReader'
import type { RawPayload } from './rawPayload'
import { definitionsOf, resolveMetrics, type Definitions } from './resolve'
import { readStateMessage } from './stateMessage'
import { parseTopic, type SparkplugTopic } from './topic'
import type {
  SparkplugEdgeMessage, SparkplugEndpointStatus, SparkplugFlags, SparkplugHostStatus, SparkplugNodeStatus, SparkplugOutcome
} from './types'
import { WireError } from './wireReader'

interface Endpoint {
  online: boolean
  defs?: Definitions
  birthAt?: number
  deathAt?: number
}

interface NodeRecord extends Endpoint {
  groupId: string
  edgeNodeId: string
  bdSeq?: bigint
  seq?: number
  devices: Map<string, Endpoint>
}

type EdgeTopic = Extract<SparkplugTopic, { kind: 'edge' }>

/** Births, deaths and sequence numbers of one connection, learned from the messages it is fed. */
export class SparkplugState {
  private readonly nodeRecords = new Map<string, NodeRecord>()
  private readonly hostRecords = new Map<string, SparkplugHostStatus>()

  /** Decodes a message in arrival order and learns from it (births, deaths, seq); returns it resolved and flagged. */
  observe(topic: string, bytes: Uint8Array, receivedAt: number): SparkplugOutcome {
    return this.process(topic, bytes, receivedAt)
  }

  /** Decodes against what is known now without learning from it; seq gaps are only judged by observe. */
  decode(topic: string, bytes: Uint8Array): SparkplugOutcome {
    return this.process(topic, bytes, undefined)
  }

  /** An edge node's status, or undefined when nothing from it was observed. */
  node(groupId: string, edgeNodeId: string): SparkplugNodeStatus | undefined {
    const node = this.nodeRecords.get(nodeKey(groupId, edgeNodeId))
    if (!node) return undefined
    const status: SparkplugNodeStatus = { ...endpointStatus(node, groupId, edgeNodeId), devices: [...node.devices.keys()] }
    if (node.bdSeq !== undefined) status.bdSeq = node.bdSeq
    if (node.seq !== undefined) status.seq = node.seq
    return status
  }

  /** A device's status, or undefined when nothing from it was observed. */
  device(groupId: string, edgeNodeId: string, deviceId: string): SparkplugEndpointStatus | undefined {
    const device = this.nodeRecords.get(nodeKey(groupId, edgeNodeId))?.devices.get(deviceId)
    return device ? { ...endpointStatus(device, groupId, edgeNodeId), deviceId } : undefined
  }

  /** Every edge node observed so far. */
  nodes(): SparkplugNodeStatus[] {
    return [...this.nodeRecords.values()].flatMap((n) => this.node(n.groupId, n.edgeNodeId) ?? [])
  }

  /** A host application's last STATE. */
  host(hostId: string): SparkplugHostStatus | undefined {
    return this.hostRecords.get(hostId)
  }

  /** Forgets where a node's seq stands (history has holes before its next message), so that message's seq is not judged. */
  forgetSequence(groupId: string, edgeNodeId: string): void {
    const node = this.nodeRecords.get(nodeKey(groupId, edgeNodeId))
    if (node) node.seq = undefined
  }

  /** Forgets everything, as when the connection's history is replayed from the start. */
  clear(): void {
    this.nodeRecords.clear()
    this.hostRecords.clear()
  }

  /** `receivedAt` undefined means read-only. */
  private process(topic: string, bytes: Uint8Array, receivedAt: number | undefined): SparkplugOutcome {
    const parsed = parseTopic(topic)
    if (typeof parsed === 'string') return { ok: false, error: parsed }
    if (parsed.kind === 'state') {
      const message = readStateMessage(parsed.hostId, parsed.legacy, bytes)
      if (typeof message === 'string') return { ok: false, error: message }
      if (receivedAt !== undefined) {
        const host: SparkplugHostStatus = { hostId: message.hostId, online: message.online, receivedAt, legacy: message.legacy }
        if (message.timestamp !== undefined) host.timestamp = message.timestamp
        this.hostRecords.set(message.hostId, host)
      }
      return { ok: true, message }
    }
    let payload: RawPayload
    try {
      payload = readPayload(bytes)
    } catch (e) {
      return { ok: false, error: payloadError(e) }
    }
    return { ok: true, message: this.edgeMessage(parsed, payload, receivedAt) }
  }

  private edgeMessage(topic: EdgeTopic, payload: RawPayload, receivedAt: number | undefined): SparkplugEdgeMessage {
    const learn = receivedAt !== undefined
    const key = nodeKey(topic.groupId, topic.edgeNodeId)
    const known = this.nodeRecords.get(key)
    const node = known ?? { groupId: topic.groupId, edgeNodeId: topic.edgeNodeId, online: false, devices: new Map<string, Endpoint>() }
    if (learn && !known) this.nodeRecords.set(key, node)
    const device = topic.deviceId === undefined ? undefined : node.devices.get(topic.deviceId)
    const flags: SparkplugFlags = {}
    const type = topic.type
    const isBirth = type === 'NBIRTH' || type === 'DBIRTH'

    const endpoint = topic.deviceId === undefined ? node : device
    if (lacksBirth(type, node, endpoint)) flags.noBirth = true

    const unknown: bigint[] = []
    const defs = isBirth ? undefined : endpoint?.defs
    const metrics = resolveMetrics(payload.metrics, defs, (alias) => unknown.push(alias))
    if (unknown.length > 0) flags.aliasUnknown = unknown

    const message: SparkplugEdgeMessage = { type, groupId: topic.groupId, edgeNodeId: topic.edgeNodeId, metrics, flags }
    if (topic.deviceId !== undefined) message.deviceId = topic.deviceId
    if (payload.timestamp !== undefined) message.timestamp = payload.timestamp
    if (payload.seq !== undefined) message.seq = payload.seq
    if (payload.uuid !== undefined) message.uuid = payload.uuid
    if (payload.body !== undefined) message.body = payload.body
    const bdSeq = type === 'NBIRTH' || type === 'NDEATH' ? bdSeqOf(message) : undefined
    if (bdSeq !== undefined) message.bdSeq = bdSeq

    if (type === 'NDEATH' && bdSeq !== undefined && node.bdSeq !== undefined && node.online && bdSeq !== node.bdSeq) {
      flags.staleDeath = { bdSeq, birthBdSeq: node.bdSeq }
    }
    if (learn && tracksSeq(type) && payload.seq !== undefined && node.seq !== undefined && type !== 'NBIRTH') {
      const expected = (node.seq + 1) % 256
      if (payload.seq !== expected) flags.seqGap = { expected, actual: payload.seq }
    }
    if (learn) this.learn(node, topic, payload, flags, receivedAt, bdSeq)
    return message
  }

  private learn(node: NodeRecord, topic: EdgeTopic, payload: RawPayload, flags: SparkplugFlags, at: number, bdSeq: bigint | undefined): void {
    const type = topic.type
    if (tracksSeq(type) && payload.seq !== undefined) node.seq = payload.seq
    if (type === 'NBIRTH') {
      Object.assign(node, { online: true, defs: definitionsOf(payload.metrics), birthAt: at, deathAt: undefined, bdSeq })
    } else if (type === 'NDEATH' && !flags.staleDeath) {
      Object.assign(node, { online: false, deathAt: at, seq: undefined })
      for (const device of node.devices.values()) if (device.online) Object.assign(device, { online: false, deathAt: at })
    } else if (topic.deviceId !== undefined && (type === 'DBIRTH' || type === 'DDEATH')) {
      const device = node.devices.get(topic.deviceId) ?? { online: false }
      node.devices.set(topic.deviceId, device)
      if (type === 'DBIRTH') Object.assign(device, { online: true, defs: definitionsOf(payload.metrics), birthAt: at, deathAt: undefined })
      else Object.assign(device, { online: false, deathAt: at })
    } else if (topic.deviceId !== undefined && !node.devices.has(topic.deviceId)) {
      node.devices.set(topic.deviceId, { online: false })
    }
  }
}

/** Data needs a live birth; a death only some birth before it (a repeated death is not news); commands none. */
function lacksBirth(type: string, node: NodeRecord, endpoint: Endpoint | undefined): boolean {
  switch (type) {
    case 'NBIRTH':
    case 'NCMD':
    case 'DCMD':
      return false
    case 'DBIRTH':
      return !node.online
    case 'NDEATH':
    case 'DDEATH':
      return endpoint?.birthAt === undefined
    default:
      return !endpoint?.online
  }
}

/** Message types that carry the edge node's sequence number (commands come from hosts, deaths by will). */
function tracksSeq(type: string): boolean {
  return type !== 'NDEATH' && type !== 'NCMD' && type !== 'DCMD'
}

function nodeKey(groupId: string, edgeNodeId: string): string {
  return `${groupId}/${edgeNodeId}`
}

function bdSeqOf(message: SparkplugEdgeMessage): bigint | undefined {
  const metric = message.metrics.find((m) => m.name === 'bdSeq')
  const v = metric?.value
  if (typeof v === 'bigint') return v
  return typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : undefined
}

function endpointStatus(e: Endpoint, groupId: string, edgeNodeId: string): SparkplugEndpointStatus {
  const status: SparkplugEndpointStatus = { groupId, edgeNodeId, online: e.online, metrics: e.defs ? [...e.defs.byName.values()] : [] }
  if (e.birthAt !== undefined) status.birthAt = e.birthAt
  if (e.deathAt !== undefined) status.deathAt = e.deathAt
  return status
}

function payloadError(e: unknown): string {
  if (e instanceof WireError) {
    return `This is not a Sparkplug B payload: ${e.message}${e.reason === 'truncated' ? ' (truncated?)' : ''}.`
  }
  return `This Sparkplug B payload could not be decoded: ${e instanceof Error ? e.message : String(e)}.`
}
