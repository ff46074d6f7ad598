import { encode as cborEncode } from 'cborg'
import { afterEach, describe, expect, it } from 'vitest'
import { emptyDecoderPrefs } from '../../shared/contract'
import { profileDecoders } from '../../shared/decoders'
import type { ReplyOf, Result } from '../../shared/contract'
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
