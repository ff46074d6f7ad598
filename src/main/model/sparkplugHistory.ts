// The history one stored Sparkplug message depends on (see src/shared/decoders/sparkplug/replay.ts): found by
// walking a few topics' chains back from it, only when a view asks, so ingest never decodes.
import { UserFacingError } from '../../shared/contract'
import { parseTopic, SparkplugState, type SparkplugHistory, type SparkplugStoredMessage } from '../../shared/decoders/sparkplug'
import type { ConnectionModel } from './connectionModel'
import { NONE } from './messageLog'
import type { TopicEntry } from './topicEntry'

interface Pick {
  entry: TopicEntry
  seq: number
}

/**
 * Walks back along topics' chains to the newest record older than a position. It remembers where each walk
 * stopped: a search going back through one topic's history asks for ever older positions, and each walk then
 * goes on from the last one instead of starting at the newest record again.
 */
export class ChainCursors {
  private readonly stops = new Map<TopicEntry, { before: number; seq: number }>()

  /** The newest record of `entry` older than log position `before`, NONE when history holds none. */
  newestBefore(model: ConnectionModel, entry: TopicEntry | undefined, before: number): number {
    if (!entry) return NONE
    const stop = this.stops.get(entry)
    // A remembered record may have been evicted since (read says so): then the walk starts at the newest.
    let seq = stop && stop.before >= before && model.log.read(stop.seq) ? stop.seq : entry.newest
    while (seq !== NONE && seq >= before) seq = model.log.olderThan(seq)
    if (seq !== NONE) this.stops.set(entry, { before, seq })
    return seq
  }
}

/** Log position of message `topicSeq` of `entry`. */
function logSeqOf(model: ConnectionModel, entry: TopicEntry, topicSeq: number): number {
  for (let at = entry.newest; at !== NONE; at = model.log.olderThan(at)) {
    const logged = model.log.read(at)
    if (logged?.topicSeq === topicSeq) return at
    if (!logged || logged.topicSeq < topicSeq) break
  }
  throw new UserFacingError('not-found', `Message ${topicSeq} of "${entry.topic}" is no longer kept (older history is dropped by the history limit or the memory budget).`)
}

/** The topics of one edge node's devices for a message type (DBIRTH, DDATA, DDEATH). */
function deviceEntries(model: ConnectionModel, groupId: string, type: string, edgeNodeId: string): TopicEntry[] {
  const parent = model.tree.find(`spBv1.0/${groupId}/${type}/${edgeNodeId}`)
  return [...(parent?.children?.values() ?? [])].flatMap((child) => (child.entry ? [child.entry] : []))
}

function stored(model: ConnectionModel, pick: Pick): SparkplugStoredMessage {
  return { topic: pick.entry.topic, payload: model.log.payload(pick.seq, Number.POSITIVE_INFINITY), receivedAt: model.log.receivedAtOf(pick.seq) }
}

/** The birth of `entry` in force before `before`, with the death that followed it if one did. */
function lifeBefore(model: ConnectionModel, cursors: ChainCursors, birth: TopicEntry | undefined, death: TopicEntry | undefined, before: number, after = NONE): Pick[] {
  const born = cursors.newestBefore(model, birth, before)
  if (!birth || born === NONE || born < after) return []
  const died = cursors.newestBefore(model, death, before)
  return death && died > born ? [{ entry: birth, seq: born }, { entry: death, seq: died }] : [{ entry: birth, seq: born }]
}

/**
 * Log positions of the births in force at log position `target` of a Sparkplug edge topic, oldest first: the
 * node's and, for a device topic, the device's since it. What a metric's name and datatype resolve by when a
 * message sends only aliases; empty for STATE and for a node with no birth kept.
 */
export function birthsAt(model: ConnectionModel, topic: string, target: number, cursors: ChainCursors): Array<{ topic: string; seq: number }> {
  const parsed = parseTopic(topic)
  if (typeof parsed === 'string' || parsed.kind === 'state') return []
  const nodeTopic = `spBv1.0/${parsed.groupId}/NBIRTH/${parsed.edgeNodeId}`
  const node = cursors.newestBefore(model, model.topics.get(nodeTopic), target)
  if (node === NONE) return []
  if (parsed.deviceId === undefined) return [{ topic: nodeTopic, seq: node }]
  const deviceTopic = `spBv1.0/${parsed.groupId}/DBIRTH/${parsed.edgeNodeId}/${parsed.deviceId}`
  const device = cursors.newestBefore(model, model.topics.get(deviceTopic), target)
  return device !== NONE && device > node ? [{ topic: nodeTopic, seq: node }, { topic: deviceTopic, seq: device }] : [{ topic: nodeTopic, seq: node }]
}

/** What stored message `topicSeq` of `topic` depends on: births, a death, the node's previous message. */
export function sparkplugHistory(model: ConnectionModel, topic: string, topicSeq: number): SparkplugHistory {
  const entry = model.topics.get(topic)
  if (!entry) throw new UserFacingError('not-found', `The topic "${topic}" has no messages (it may have been cleared).`)
  return sparkplugHistoryAt(model, topic, logSeqOf(model, entry, topicSeq))
}

/** What the stored message at log position `target` of `topic` depends on (a search has the position, and keeps its cursors). */
export function sparkplugHistoryAt(model: ConnectionModel, topic: string, target: number, cursors = new ChainCursors()): SparkplugHistory {
  const parsed = parseTopic(topic)
  if (typeof parsed === 'string') throw new UserFacingError('invalid-argument', parsed)
  if (parsed.kind === 'state') return { before: [], sequenceKnown: true }

  const { groupId, edgeNodeId, deviceId } = parsed
  const node = (type: string): TopicEntry | undefined => model.topics.get(`spBv1.0/${groupId}/${type}/${edgeNodeId}`)
  const device = (type: string): TopicEntry | undefined => (deviceId === undefined ? undefined : model.topics.get(`spBv1.0/${groupId}/${type}/${edgeNodeId}/${deviceId}`))
  const nodeLife = lifeBefore(model, cursors, node('NBIRTH'), node('NDEATH'), target)
  const picks = [...nodeLife, ...lifeBefore(model, cursors, device('DBIRTH'), device('DDEATH'), target, nodeLife[0]?.seq)]

  // Every message that carries the node's seq: its birth and data, and its devices' births, data and deaths.
  const sequenced = [node('NBIRTH'), node('NDATA'), ...['DBIRTH', 'DDATA', 'DDEATH'].flatMap((type) => deviceEntries(model, groupId, type, edgeNodeId))]
    .filter((e): e is TopicEntry => e !== undefined)
  let previous: Pick | undefined
  for (const e of sequenced) {
    const seq = cursors.newestBefore(model, e, target)
    if (seq !== NONE && seq > (previous?.seq ?? NONE)) previous = { entry: e, seq }
  }
  // A topic that lost older records may have lost one between the previous message and this one.
  const sequenceKnown = previous !== undefined && sequenced.every((e) => e.kept === e.count || e.oldest <= (previous?.seq ?? NONE))
  if (previous && !picks.some((p) => p.seq === previous.seq)) picks.push(previous)
  picks.sort((a, b) => a.seq - b.seq)
  return { before: picks.map((p) => stored(model, p)), sequenceKnown, now: onlineNow(model, groupId, edgeNodeId, deviceId, node, device) }
}

/** Online state after everything received: the latest births and deaths replayed in arrival order. */
function onlineNow(
  model: ConnectionModel,
  groupId: string,
  edgeNodeId: string,
  deviceId: string | undefined,
  node: (type: string) => TopicEntry | undefined,
  device: (type: string) => TopicEntry | undefined
): SparkplugHistory['now'] {
  const latest = [node('NBIRTH'), node('NDEATH'), device('DBIRTH'), device('DDEATH')]
    .flatMap((e) => (e && e.newest !== NONE ? [{ entry: e, seq: e.newest }] : []))
    .sort((a, b) => a.seq - b.seq)
  const state = new SparkplugState()
  for (const pick of latest) {
    const message = stored(model, pick)
    state.observe(message.topic, message.payload, message.receivedAt)
  }
  const nodeOnline = state.node(groupId, edgeNodeId)?.online ?? false
  if (deviceId === undefined) return { node: nodeOnline }
  return { node: nodeOnline, device: nodeOnline && (state.device(groupId, edgeNodeId, deviceId)?.online ?? false) }
}
