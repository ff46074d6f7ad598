// Sparkplug B topic names: spBv1.0/<group>/<type>/<edge node>[/<device>], spBv1.0/STATE/<host> (3.0)
// and the 2.x host form STATE/<host>.
import { EDGE_MESSAGE_TYPES, type EdgeMessageType } from './types'

/** The parts of a Sparkplug topic. */
export type SparkplugTopic =
  | { kind: 'edge'; type: EdgeMessageType; groupId: string; edgeNodeId: string; deviceId?: string }
  | { kind: 'state'; hostId: string; legacy: boolean }

const NAMESPACE = 'spBv1.0'
const SHAPE = 'spBv1.0/<group>/<message type>/<edge node>[/<device>]'

function isEdgeType(level: string): level is EdgeMessageType {
  return (EDGE_MESSAGE_TYPES as readonly string[]).includes(level)
}

/** Splits a topic into its Sparkplug parts, or says in a sentence why it is not a Sparkplug B topic. */
export function parseTopic(topic: string): SparkplugTopic | string {
  const levels = topic.split('/')
  const [first, second, third, edgeNodeId, deviceId] = levels
  if (first === 'STATE' && levels.length === 2 && second) return { kind: 'state', hostId: second, legacy: true }
  if (first !== NAMESPACE) return `This topic is not a Sparkplug B topic: Sparkplug B 3.0 topics start with ${NAMESPACE}/ (${SHAPE}).`
  if (second === 'STATE') {
    return levels.length === 3 && third ? { kind: 'state', hostId: third, legacy: false } : 'A Sparkplug STATE topic is spBv1.0/STATE/<host id>.'
  }
  if (third === undefined || !isEdgeType(third)) {
    return `This topic is not a Sparkplug B topic: "${third ?? ''}" is not a message type (${EDGE_MESSAGE_TYPES.join(', ')} or STATE).`
  }
  const device = third.startsWith('D')
  const expected = device ? 5 : 4
  if (levels.length !== expected || !second || !edgeNodeId || (device && !deviceId)) {
    return device
      ? `A Sparkplug ${third} topic names a group, an edge node and a device: spBv1.0/<group>/${third}/<edge node>/<device>.`
      : `A Sparkplug ${third} topic names a group and an edge node, and no device: spBv1.0/<group>/${third}/<edge node>.`
  }
  return device && deviceId
    ? { kind: 'edge', type: third, groupId: second, edgeNodeId, deviceId }
    : { kind: 'edge', type: third, groupId: second, edgeNodeId }
}
