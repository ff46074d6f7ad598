import { afterEach, describe, expect, it } from 'vitest'
import type { ModelDelta, ReceivedMessage } from '../../shared/contract'
import { testReceiver } from '../../../tests/support/deltaReceiver'
import { ModelService } from './modelService'

let service: ModelService | undefined
afterEach(() => service?.dispose())

/** A service whose window receives into `deltas` (confirming each, as the page does). */
function create(deltas: ModelDelta[]): ModelService {
  const created = new ModelService({
    emitClearProgress: () => undefined,
    publish: () => Promise.reject(new Error('No broker in this test.')),
    settings: { deltaIntervalMs: 10 }
  })
  service = created
  created.openStream(testReceiver('window', (delta) => {
    deltas.push(delta)
    created.ack('window', [delta])
  }))
  return created
}

const message = (topic: string, payload = '1'): ReceivedMessage => ({ topic, payload: Buffer.from(payload), qos: 0, retain: false, dup: false, receivedAt: 1 })

describe('ModelService', () => {
  it('answers queries about a connection that received nothing without keeping a model for it', async () => {
    const deltas: ModelDelta[] = []
    const models = create(deltas)
    expect(models.view('never').topics.size).toBe(0)
    // Compared by identity without printing: a model holds large typed arrays.
    expect(models.view('never') === models.view('never')).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(deltas).toEqual([])
  })

  it('routes messages per connection and streams a reset delta first for each', async () => {
    const deltas: ModelDelta[] = []
    const models = create(deltas)
    models.ingest('a', message('t'))
    models.ingest('b', message('t'))
    models.ingest('a', message('t'))
    expect(models.view('a') === models.model('a')).toBe(true)
    expect(models.view('a').topics.get('t')?.count).toBe(2)
    expect(models.view('b').topics.get('t')?.count).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(deltas.map((d) => [d.connectionId, d.seq, d.reset]).sort()).toEqual([['a', 1, true], ['b', 1, true]])
  })

  it('clears a connection with one last reset delta and frees its model', () => {
    const deltas: ModelDelta[] = []
    const models = create(deltas)
    models.ingest('a', { topic: 't', payload: Buffer.from('1'), qos: 0, retain: false, dup: false, receivedAt: 1 })
    const before = models.model('a')
    expect(models.clear('a')).toBe(1)
    expect(deltas.at(-1)).toMatchObject({ connectionId: 'a', reset: true, names: [], numbers: new Float64Array(0) })
    expect(models.view('a') === before).toBe(false)
    expect(models.clear('a')).toBe(0)
  })

  it('starts a receiver that opens its stream late with a reset carrying every topic, and resyncs only the caller', () => {
    const window: ModelDelta[] = []
    const models = create(window)
    models.ingest('a', message('x'))
    models.ingest('a', message('y'))
    models.coalescer('a').tick()
    const tab: ModelDelta[] = []
    expect(models.openStream(testReceiver('tab', (delta) => tab.push(delta)))).toBe(1)
    models.coalescer('a').tick()
    expect(tab).toMatchObject([{ connectionId: 'a', seq: 1, reset: true, names: ['x', 'y'] }])
    expect(window).toHaveLength(1)
    expect(models.resync('a', testReceiver('window', (delta) => window.push(delta)))).toBe(2)
    models.coalescer('a').tick()
    expect(window.at(-1)).toMatchObject({ seq: 2, reset: true, names: ['x', 'y'] })
    expect(tab).toHaveLength(1)
  })

  it('streams connections created later to every open receiver, and sends each a reset when a model is cleared', () => {
    const window: ModelDelta[] = []
    const models = create(window)
    const tab: ModelDelta[] = []
    models.openStream(testReceiver('tab', (delta) => tab.push(delta)))
    models.ingest('later', message('t'))
    models.coalescer('later').tick()
    expect([window.length, tab.length]).toEqual([1, 1])
    models.clear('later')
    for (const deltas of [window, tab]) expect(deltas.at(-1)).toMatchObject({ connectionId: 'later', reset: true, names: [] })
  })
})
