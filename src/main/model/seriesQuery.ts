import type { SeriesColumns } from '../../shared/contract'
import type { ProfileDecoders } from '../../shared/decoders'
import type { SeriesDecoding } from '../../shared/series'
import type { ConnectionModel } from './connectionModel'
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
interface Reading {
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
  const reading: Reading = { span: { bytes: new Uint8Array(0), start: 0, end: 0 }, scratch: new Uint8Array(4096) }
  return specs.map((spec) => oneSeries(model, spec, since ?? Number.NEGATIVE_INFINITY, limit, reading, seriesReader(model, spec, decoders)))
}

function oneSeries(model: ConnectionModel, spec: SeriesSpec, since: number, limit: number, reading: Reading, read: SeriesReader): SeriesColumns {
  const entry = model.topics.get(spec.topic)
  const empty = { topic: spec.topic, path: spec.path, times: new Float64Array(0), values: new Float64Array(0), limited: false }
  if (!entry) return { ...empty, lastSeq: spec.afterSeq ?? 0, firstSeq: 0, exists: false, restarted: false }
  const log = model.log
  // A topic cleared or removed and seen again counts from 1: a cursor beyond its count belongs to the old one.
  const restarted = spec.afterSeq !== undefined && spec.afterSeq > entry.count
  const afterSeq = restarted ? 0 : (spec.afterSeq ?? 0)
  const capacity = Math.min(limit, entry.kept)
  const times = new Float64Array(capacity)
  const values = new Float64Array(capacity)
  let filled = 0
  let firstSeq = 0
  let seq = entry.newest
  // Older points only: step over the newer ones without reading their payloads.
  if (spec.beforeSeq !== undefined) while (seq !== NONE && log.topicSeqOf(seq) >= spec.beforeSeq) seq = log.olderThan(seq)
  for (; seq !== NONE && filled < capacity; seq = log.olderThan(seq)) {
    const receivedAt = log.receivedAtOf(seq)
    if (receivedAt < since || log.topicSeqOf(seq) <= afterSeq) break
    const at = capacity - 1 - filled++
    firstSeq = log.topicSeqOf(seq)
    times[at] = receivedAt
    values[at] = valueOf(model, seq, read, reading)
  }
  const limited = filled === capacity && seq !== NONE && log.receivedAtOf(seq) >= since && log.topicSeqOf(seq) > afterSeq
  // A cursor for what is new: the topic's newest position, unless this read stopped short of it (beforeSeq).
  const lastSeq = spec.beforeSeq !== undefined ? (spec.afterSeq ?? 0) : filled > 0 ? log.topicSeqOf(entry.newest) : afterSeq
  const start = capacity - filled
  // slice, not subarray: a view would carry the whole allocation across IPC.
  return { ...empty, times: start ? times.slice(start) : times, values: start ? values.slice(start) : values, lastSeq, firstSeq, exists: true, restarted, limited }
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
