import { encode as cborEncode } from 'cborg'
import { afterEach, describe, expect, it } from 'vitest'
import { emptyDecoderPrefs, MAX_SERIES_WATCHES, type ModelDelta, type ReplyOf, type Result, type SeriesUpdate } from '../../shared/contract'
import { profileDecoders } from '../../shared/decoders'
import { decodeServerMessage, encodeFrame } from '../../shared/wire/codec'
import { ModelService } from '../model'
import { chartHandlers } from './chartHandlers'
import type { DecodersOf } from './modelHandlers'
import { dispatch, type HandlerTable } from './handlerTable'
import { testReceiver } from '../../../tests/support/deltaReceiver'

let service: ModelService | undefined
afterEach(() => service?.dispose())

function table(decodersOf: DecodersOf = () => undefined): HandlerTable {
  service = new ModelService({ emitClearProgress: () => undefined, publish: () => Promise.reject(new Error('No broker in this test.')) })
  const message = { qos: 0 as const, retain: false, dup: false }
  for (let i = 0; i < 5; i++) service.ingest('c', { topic: 'plant/temp', payload: Buffer.from(JSON.stringify({ t: 20 + i / 4 })), receivedAt: 1_700_000_000_000 + i, ...message })
  service.ingest('c', { topic: 'plant/cbor', payload: cborEncode({ t: 30.5 }), receivedAt: 1_700_000_000_009, ...message })
  return chartHandlers(service, decodersOf) as HandlerTable
}

type Series = ReplyOf<'model:series'>

const series = async (args: unknown): Promise<Result<unknown>> => dispatch(table(), 'model:series', args, testReceiver())

describe('model:series', () => {
  it('replies with Float64Array columns that survive structured clone (Electron IPC) and the WebSocket codec', async () => {
    const result = await series({ connectionId: 'c', series: [{ topic: 'plant/temp', path: 't' }] })
    expect(result.ok).toBe(true)
    const expected = [20, 20.25, 20.5, 20.75, 21]
    const overIpc = structuredClone(result) as Result<Series>
    const overSocket = (decodeServerMessage(encodeFrame([1, 1, result]))?.[2] ?? { ok: false }) as Result<Series>
    for (const reply of [overIpc, overSocket]) {
      if (!reply.ok) throw new Error('The reply did not arrive.')
      const [columns] = reply.value.series
      expect(columns!.times).toBeInstanceOf(Float64Array)
      expect(columns!.values).toBeInstanceOf(Float64Array)
      expect([...columns!.values]).toEqual(expected)
      expect(columns!.times[4]).toBe(1_700_000_000_004)
      expect(columns).toMatchObject({ topic: 'plant/temp', path: 't', lastSeq: 5, exists: true })
    }
  })

  it('decodes a series as its decoding says, and an auto one as the connection\'s profile pins the topic', async () => {
    const pinned = profileDecoders({ ...emptyDecoderPrefs(), pins: [{ filter: 'plant/cbor', decoder: 'cbor' }] })
    const valuesOf = async (decodersOf: DecodersOf, spec: Record<string, unknown>): Promise<number[]> => {
      const result = await dispatch(table(decodersOf), 'model:series', { connectionId: 'c', series: [{ topic: 'plant/cbor', path: 't', ...spec }] }, testReceiver())
      if (!result.ok) throw new Error(result.error.message)
      return [...(result.value as Series).series[0]!.values]
    }
    expect(await valuesOf(() => undefined, { decoding: 'cbor' })).toEqual([30.5])
    expect(await valuesOf(() => undefined, {})).toEqual([Number.NaN])
    expect(await valuesOf((id) => (id === 'c' ? pinned : undefined), {})).toEqual([30.5])
    expect(await valuesOf((id) => (id === 'c' ? pinned : undefined), { decoding: 'json' })).toEqual([Number.NaN])
  })

  it('refuses bad paths, topics and bounds with a sentence', async () => {
    const refused = async (args: unknown): Promise<string> => {
      const result = await series(args)
      if (result.ok) throw new Error('The request was accepted.')
      expect(result.error.code).toBe('invalid-argument')
      return result.error.message
    }
    expect(await refused({ connectionId: 'c', series: [{ topic: 'plant/temp', path: 'a..b' }] })).toMatch(/field path "a..b" is not valid/)
    expect(await refused({ connectionId: 'c', series: [{ topic: 'plant/#' }] })).toMatch(/wildcard|\+|#/)
    expect(await refused({ connectionId: 'c', series: [] })).toMatch(/series/)
    expect(await refused({ connectionId: 'c', series: [{ topic: 'x' }], limit: 100_001 })).toMatch(/limit/)
    expect(await refused({ connectionId: 'c', series: [{ topic: 'x', decoding: 'yaml' }] })).toMatch(/decoding/)
  })
})

describe('model:watchSeries', () => {
  it('sends the caller the new points of its watched series in its own deltas, columns intact over the socket', async () => {
    const handlers = table()
    const deltas: ModelDelta[] = []
    const page = testReceiver('page', (delta) => deltas.push(structuredClone(delta)))
    const other = testReceiver('other-page', () => undefined)
    service!.openStream(page)
    service!.openStream(other)
    const watched = await dispatch(handlers, 'model:watchSeries', { connectionId: 'c', watchId: 'chart-1', series: [{ topic: 'plant/temp', path: 't', afterSeq: 3 }] }, page)
    expect(watched).toEqual({ ok: true, value: { watching: 1 } })
    service!.coalescer('c').tick()
    const update = deltas.flatMap((d) => d.series ?? [])
    expect(update).toHaveLength(1)
    const [points] = update[0]!.series
    const overSocket = decodeServerMessage(encodeFrame([2, 'model:delta', { series: update }]))?.[2] as { series: SeriesUpdate[] }
    for (const p of [points, overSocket.series[0]!.series[0]]) {
      expect(p!.index).toBe(0)
      expect(p!.columns.values).toBeInstanceOf(Float64Array)
      expect([...p!.columns.values]).toEqual([20.75, 21])
      expect(p!.columns.lastSeq).toBe(5)
    }
    // The other page's stream carries no series: watches belong to their caller.
    expect(service!.coalescer('c').stream('other-page')?.watches.size).toBe(0)
    expect(await dispatch(handlers, 'model:unwatchSeries', { connectionId: 'c', watchId: 'chart-1' }, page)).toEqual({ ok: true, value: { removed: true } })
    expect(await dispatch(handlers, 'model:unwatchSeries', { connectionId: 'c', watchId: 'chart-1' }, page)).toEqual({ ok: true, value: { removed: false } })
  })

  it('refuses a caller with no delta stream and more watches than a page may have, with sentences', async () => {
    const handlers = table()
    const watch = (watchId: string, caller = testReceiver('page')) => dispatch(handlers, 'model:watchSeries', { connectionId: 'c', watchId, series: [{ topic: 'plant/temp' }] }, caller)
    const lone = await watch('w', testReceiver('never-opened'))
    expect(lone.ok || lone.error.message).toMatch(/no delta stream yet.*Reload the page/)
    service!.openStream(testReceiver('page'))
    for (let i = 0; i < MAX_SERIES_WATCHES; i++) expect((await watch(`w${i}`)).ok).toBe(true)
    // Replacing one is fine; one more is not.
    expect((await watch('w0')).ok).toBe(true)
    const over = await watch('one-more')
    expect(over.ok || over.error.message).toMatch(new RegExp(`at most ${MAX_SERIES_WATCHES} charts.*Close or pause a chart`))
    // A new page (a reload) starts without the old page's watches.
    service!.openStream(testReceiver('page'))
    expect((await watch('one-more')).ok).toBe(true)
  })
})
