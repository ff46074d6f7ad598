import { afterEach, describe, expect, it } from 'vitest'
import type { ModelDelta } from '../../shared/contract'
import { ModelService } from './modelService'

let service: ModelService | undefined
afterEach(() => service?.dispose())

function create(deltas: ModelDelta[]): ModelService {
  service = new ModelService({
    emitDelta: (delta) => deltas.push(delta),
    emitClearProgress: () => undefined,
    publish: () => Promise.reject(new Error('No broker in this test.')),
    settings: { deltaIntervalMs: 10 }
  })
  return service
}

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
    const message = { payload: Buffer.from('1'), qos: 0 as const, retain: false, dup: false, receivedAt: 1 }
    models.ingest('a', { topic: 't', ...message })
    models.ingest('b', { topic: 't', ...message })
    models.ingest('a', { topic: 't', ...message })
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
})
