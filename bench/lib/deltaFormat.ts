// (f) The delta's shape, measured: one object and one Uint8Array per topic, or columns (numbers with the
// topic's id, one shared preview buffer) as ModelDelta has for topics the receiver knows. Costs of
// crossing IPC (v8 serialize/deserialize, the structured-clone wire format) and the WebSocket (our
// MessagePack frames), per changed topic.
import { deserialize, serialize } from 'node:v8'
import { DELTA_STRIDE } from '../../src/shared/contract'
import { decodeServerMessage, encodeFrame } from '../../src/shared/wire/codec'
import { benchTopic, payloadChunk } from './messages'

export interface DeltaFormatResult {
  topics: number
  perTopic: FormatCost
  columns: FormatCost
}

/** Nanoseconds per changed topic, and bytes per topic on the wire. */
export interface FormatCost {
  v8SerializeNs: number
  v8DeserializeNs: number
  msgpackEncodeNs: number
  msgpackDecodeNs: number
  bytesPerTopic: number
}

function perTopicDelta(topics: number): unknown {
  const { chunk, offsets, lengths } = payloadChunk(topics)
  return Array.from({ length: topics }, (_, i) => ({
    topic: benchTopic('bench/delta', i, topics),
    messageCount: i + 1,
    receivedAt: 1_700_000_000_000 + i,
    size: lengths[i],
    flags: 0,
    payload: new Uint8Array(chunk.subarray(offsets[i], (offsets[i] as number) + (lengths[i] as number)))
  }))
}

/** Columns as main sends topics the receiver already knows: by id, with no names. */
function columnDelta(topics: number): unknown {
  const { chunk, lengths } = payloadChunk(topics)
  const numbers = new Float64Array(topics * DELTA_STRIDE)
  let bytes = 0
  for (let i = 0; i < topics; i++) {
    numbers.set([i + 1, 1_700_000_000_000 + i, lengths[i] as number, lengths[i] as number, 0, i], i * DELTA_STRIDE)
    bytes += lengths[i] as number
  }
  return {
    names: [],
    nameIds: [],
    numbers,
    previews: new Uint8Array(chunk.subarray(0, bytes)),
    properties: [],
    removed: []
  }
}

function time(reps: number, run: () => unknown): number {
  run()
  const started = performance.now()
  for (let i = 0; i < reps; i++) run()
  return (performance.now() - started) / reps
}

function measure(delta: unknown, topics: number, reps: number): FormatCost {
  const wire = serialize(delta)
  const frame = (): Uint8Array => encodeFrame([2, 'model:delta', delta])
  const packed = frame()
  const ns = (ms: number): number => Math.round((ms * 1e6) / topics)
  return {
    v8SerializeNs: ns(time(reps, () => serialize(delta))),
    v8DeserializeNs: ns(time(reps, () => deserialize(wire))),
    msgpackEncodeNs: ns(time(reps, frame)),
    msgpackDecodeNs: ns(time(reps, () => decodeServerMessage(packed))),
    bytesPerTopic: Math.round(wire.length / topics)
  }
}

/** Both shapes for a delta of `topics` changed topics. */
export function measureDeltaFormats(topics: number, reps: number): DeltaFormatResult {
  return { topics, perTopic: measure(perTopicDelta(topics), topics, reps), columns: measure(columnDelta(topics), topics, reps) }
}
