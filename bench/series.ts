// (i) Series query: 100,000 points of one topic read back from main's history as columns, for a number-text
// payload, a field of a JSON payload, a field of a CBOR payload and a Sparkplug metric by name (alias-only data);
// and the number query through the handler table and the WebSocket codec, as a chart's back-fill travels. Runs as
// a child of run.ts, or alone: `node out/bench/series.js`.
import { encode as cborEncode } from 'cborg'
import { encodePayload } from '../src/shared/decoders/sparkplug/test/edgeNode'
import { ModelService } from '../src/main/model'
import { seriesQuery } from '../src/main/model/seriesQuery'
import { dispatch, type HandlerTable } from '../src/main/ipc/handlerTable'
import { chartHandlers } from '../src/main/ipc/chartHandlers'
import { decodeServerMessage, encodeFrame } from '../src/shared/wire/codec'
import { childConfig, finishWith } from './lib/child'
import { testReceiver } from '../tests/support/deltaReceiver'

export interface SeriesConfig {
  points: number
}

export interface SeriesResult {
  points: number
  /** Median milliseconds of seriesQuery alone. */
  numberMs: number
  jsonMs: number
  /** A field of CBOR payloads, decoded per message (decoding: 'cbor'). */
  cborMs: number
  /** A Sparkplug metric by name from alias-only DDATA, resolved against the device's birth. */
  sparkplugMs: number
  /** Median milliseconds of the number series through dispatch, encodeFrame and decodeServerMessage. */
  wireMs: number
}

const ROUNDS = 15

function median(run: () => void): number {
  for (let i = 0; i < 3; i++) run()
  const times: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now()
    run()
    times.push(performance.now() - started)
  }
  return times.sort((a, b) => a - b)[ROUNDS >> 1] as number
}

async function main(): Promise<void> {
  const points = childConfig<Partial<SeriesConfig>>().points ?? 100_000
  const service = new ModelService({
    emitClearProgress: () => undefined,
    publish: () => Promise.reject(new Error('The series bench publishes nothing.')),
    settings: { historyLimit: points, budgetBytes: 768 * 1024 * 1024 }
  })
  const message = { qos: 0 as const, retain: false, dup: false }
  const DDATA = 'spBv1.0/Bench/DDATA/Node/Device'
  service.ingest('bench', { topic: 'spBv1.0/Bench/NBIRTH/Node', payload: Buffer.from(encodePayload({ seq: 0, metrics: [{ name: 'bdSeq', datatype: 'UInt64', longValue: 0 }] })), receivedAt: 1_699_999_999_998, ...message })
  const birth = encodePayload({ seq: 1, metrics: [{ name: 'Temperature', alias: 1, datatype: 'Double', doubleValue: 0 }, { name: 'Running', alias: 2, datatype: 'Boolean', booleanValue: false }] })
  service.ingest('bench', { topic: 'spBv1.0/Bench/DBIRTH/Node/Device', payload: Buffer.from(birth), receivedAt: 1_699_999_999_999, ...message })
  for (let i = 0; i < points; i++) {
    const value = ((i * 7919) % 100_000) / 100
    const receivedAt = 1_700_000_000_000 + i
    service.ingest('bench', { topic: 'bench/series/number', payload: Buffer.from(String(value)), receivedAt, ...message })
    service.ingest('bench', { topic: 'bench/series/json', payload: Buffer.from(JSON.stringify({ seq: i, value, unit: 'C', ts: receivedAt })), receivedAt, ...message })
    service.ingest('bench', { topic: 'bench/series/cbor', payload: Buffer.from(cborEncode({ seq: i, value, unit: 'C', ts: receivedAt })), receivedAt, ...message })
    const data = encodePayload({ timestamp: receivedAt, seq: (i + 2) % 256, metrics: [{ alias: 1, doubleValue: value }, { alias: 2, booleanValue: i % 2 === 0 }] })
    service.ingest('bench', { topic: DDATA, payload: Buffer.from(data), receivedAt, ...message })
  }
  const model = service.view('bench')
  const check = (topic: string, path: string, decoding?: 'cbor'): void => {
    const [series] = seriesQuery(model, [{ topic, path, decoding }], undefined, points)
    if (series?.values.length !== points || Number.isNaN(series.values[points - 1])) throw new Error(`The series of ${topic} came back with ${series?.values.length} points.`)
  }
  const numberMs = median(() => check('bench/series/number', ''))
  const jsonMs = median(() => check('bench/series/json', 'value'))
  const cborMs = median(() => check('bench/series/cbor', 'value', 'cbor'))
  const sparkplugMs = median(() => check(DDATA, 'metrics.Temperature'))
  // Only model:series is dispatched here.
  const table = chartHandlers(service, () => undefined) as HandlerTable
  const args = { connectionId: 'bench', series: [{ topic: 'bench/series/number', path: '' }] }
  const wireTimes: number[] = []
  for (let i = 0; i < ROUNDS + 3; i++) {
    const started = performance.now()
    const frame = encodeFrame([1, i, await dispatch(table, 'model:series', args, testReceiver())])
    if (!decodeServerMessage(frame)) throw new Error('The series reply did not decode.')
    if (i >= 3) wireTimes.push(performance.now() - started)
  }
  const wireMs = wireTimes.sort((a, b) => a - b)[ROUNDS >> 1] as number
  service.dispose()
  const result: SeriesResult = { points, numberMs, jsonMs, cborMs, sparkplugMs, wireMs }
  if (process.send) finishWith(result)
  else console.log(result)
}

void main()
