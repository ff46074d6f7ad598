import type { SeriesColumns } from '../../shared/contract'
import type { ProfileDecoders } from '../../shared/decoders'
import type { SeriesDecoding } from '../../shared/series'
import type { ConnectionModel } from './connectionModel'
import type { TopicEntry } from './topicEntry'
import { NONE, type PayloadSpan } from './messageLog'
import { seriesReader, type SeriesReader } from './seriesReader'

/** One series to read: a topic, a field path, and where the caller's points end. */
export interface SeriesSpec {
  topic: string
  path: string
  /** How payloads are read; absent is `auto` (see seriesReader). */
  decoding?: SeriesDecoding | undefined
  afterSeq?: number
  beforeSeq?: number
}

/** Where the payload being read lies, and a buffer for one that wraps around the arena's end. */
export interface Reading {
  span: PayloadSpan
  scratch: Uint8Array
}

/** Payloads larger than this are gaps: a chart's point is not worth parsing megabytes on main's thread. */
export const MAX_PLOTTED_PAYLOAD = 1 << 20

/**
 * Points of each series from the topic's history, newest `limit` of those after `since` (time) and
 * `afterSeq` (position on the topic), oldest first. Payloads are parsed where the log keeps them; the columns
 * are allocated once per series at their final size. `decoders` are the connection's profile settings, which
 * say how an `auto` series decodes.
 */
export function seriesQuery(model: ConnectionModel, specs: readonly SeriesSpec[], since: number | undefined, limit: number, decoders?: ProfileDecoders): SeriesColumns[] {
  const reading = newReading()
  return specs.map((spec) => oneSeries(model, spec, since ?? Number.NEGATIVE_INFINITY, limit, reading, seriesReader(model, spec, decoders)))
}

function oneSeries(model: ConnectionModel, spec: SeriesSpec, since: number, limit: number, reading: Reading, read: SeriesReader): SeriesColumns {
  const entry = model.topics.get(spec.topic)
  if (!entry) return noPoints(spec.topic, spec.path, spec.afterSeq ?? 0)
  const log = model.log
  // A topic cleared or removed and seen again counts from 1: a cursor beyond its count belongs to the old one.
  const restarted = spec.afterSeq !== undefined && spec.afterSeq > entry.count
  const afterSeq = restarted ? 0 : (spec.afterSeq ?? 0)
  const points = collect(model, entry, read, reading, { since, afterSeq, beforeSeq: spec.beforeSeq, capacity: Math.min(limit, entry.kept) })
  const { filled, stop } = points
  const limited = filled === points.times.length && stop !== NONE && log.receivedAtOf(stop) >= since && log.topicSeqOf(stop) > afterSeq
  // A cursor for what is new: the topic's newest position, unless this read stopped short of it (beforeSeq).
  const lastSeq = spec.beforeSeq !== undefined ? (spec.afterSeq ?? 0) : filled > 0 ? log.topicSeqOf(entry.newest) : afterSeq
  return { ...columnsOf(spec.topic, spec.path, points), lastSeq, exists: true, restarted, limited }
}

/**
 * The oldest `bound` points after `cursor` (a position on the topic), oldest first: how a watched series catches up
 * a few deltas at a time without leaving a hole. Positions on a topic are consecutive, so "the `bound` after the
 * cursor" is the range up to cursor + bound; positions evicted meanwhile are skipped. `lastSeq` is the newest
 * position returned, so the next call goes on from there.
 */
export function seriesAfter(model: ConnectionModel, topic: string, path: string, read: SeriesReader, cursor: number, bound: number, reading: Reading): SeriesColumns {
  const entry = model.topics.get(topic)
  if (!entry) return noPoints(topic, path, cursor)
  const restarted = cursor > entry.count
  const oldestKept = entry.count - entry.kept
  const afterSeq = Math.max(restarted ? 0 : cursor, oldestKept)
  const beforeSeq = afterSeq + bound + 1
  const points = collect(model, entry, read, reading, { since: Number.NEGATIVE_INFINITY, afterSeq, beforeSeq, capacity: Math.min(bound, entry.count - afterSeq) })
  const lastSeq = points.filled > 0 ? points.newestSeq : afterSeq
  return { ...columnsOf(topic, path, points), lastSeq, exists: true, restarted, limited: false }
}

/** Scratch space for reading payloads in place, one per query (or per delta of watched series). */
export function newReading(): Reading {
  return { span: { bytes: new Uint8Array(0), start: 0, end: 0 }, scratch: new Uint8Array(4096) }
}

interface Bounds {
  since: number
  afterSeq: number
  beforeSeq: number | undefined
  capacity: number
}

interface Points {
  times: Float64Array
  values: Float64Array
  filled: number
  firstSeq: number
  /** Position of the newest point read; 0 when none was. */
  newestSeq: number
  /** Where the walk stopped: the next older message, NONE when it reached the oldest. */
  stop: number
}

/** Walks the topic from its newest message back, reading the points within the bounds into columns from the end. */
function collect(model: ConnectionModel, entry: TopicEntry, read: SeriesReader, reading: Reading, bounds: Bounds): Points {
  const log = model.log
  const capacity = Math.max(0, bounds.capacity)
  const times = new Float64Array(capacity)
  const values = new Float64Array(capacity)
  let filled = 0
  let firstSeq = 0
  let newestSeq = 0
  let seq = entry.newest
  // Older points only: step over the newer ones without reading their payloads.
  if (bounds.beforeSeq !== undefined) while (seq !== NONE && log.topicSeqOf(seq) >= bounds.beforeSeq) seq = log.olderThan(seq)
  for (; seq !== NONE && filled < capacity; seq = log.olderThan(seq)) {
    const receivedAt = log.receivedAtOf(seq)
    if (receivedAt < bounds.since || log.topicSeqOf(seq) <= bounds.afterSeq) break
    const at = capacity - 1 - filled++
    firstSeq = log.topicSeqOf(seq)
    if (filled === 1) newestSeq = firstSeq
    times[at] = receivedAt
    values[at] = valueOf(model, seq, read, reading)
  }
  return { times, values, filled, firstSeq, newestSeq, stop: seq }
}

function columnsOf(topic: string, path: string, points: Points): Pick<SeriesColumns, 'topic' | 'path' | 'times' | 'values' | 'firstSeq'> {
  const start = points.times.length - points.filled
  // slice, not subarray: a view would carry the whole allocation across IPC.
  return {
    topic,
    path,
    times: start ? points.times.slice(start) : points.times,
    values: start ? points.values.slice(start) : points.values,
    firstSeq: points.firstSeq
  }
}

function noPoints(topic: string, path: string, lastSeq: number): SeriesColumns {
  return { topic, path, times: new Float64Array(0), values: new Float64Array(0), lastSeq, firstSeq: 0, exists: false, restarted: false, limited: false }
}

function valueOf(model: ConnectionModel, seq: number, read: SeriesReader, reading: Reading): number {
  const log = model.log
  if (log.sizeOf(seq) > MAX_PLOTTED_PAYLOAD) return Number.NaN
  // Read in place: copying each payload out would cost more than parsing it. An evicted payload is empty: a gap.
  reading.scratch = log.payloadSpan(seq, reading.span, reading.scratch)
  const { bytes, start, end } = reading.span
  // A decoded series decodes the whole payload, a view of it: decoders copy out what they keep.
  return typeof read === 'function' ? read(bytes, start, end) : read.valueAt(seq, bytes.subarray(start, end))
}
