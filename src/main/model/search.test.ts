import { describe, expect, it } from 'vitest'
import type { ReceivedMessage } from '../../shared/contract'
import { ConnectionModel } from './connectionModel'
import { SearchRunner, type SearchQuery } from './search'
import { defaultModelSettings } from './settings'

const msg = (topic: string, payload: string, receivedAt: number): ReceivedMessage => ({
  topic,
  payload: Buffer.from(payload),
  qos: 0,
  retain: false,
  dup: false,
  receivedAt
})

function sample(): ConnectionModel {
  const model = new ConnectionModel(() => defaultModelSettings)
  model.ingest(msg('home/kitchen/temp', '{"t":21.5}', 100))
  model.ingest(msg('home/kitchen/temp', '{"t":21.7}', 400))
  model.ingest(msg('home/hall/temp', '{"t":19}', 300))
  for (let i = 0; i < 5; i++) model.ingest(msg('home/attic', 'Dusty', 200))
  model.ingest(msg('home', 'root', 50))
  model.ingest(msg('$SYS/broker/uptime', '12 seconds', 10))
  model.ingest(msg('garden/Pump', 'ON', 60))
  return model
}

const query = (kind: SearchQuery['kind'], text: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({
  kind,
  query: text,
  caseSensitive: false,
  path: null,
  limit: 1_000,
  timeLimitMs: 1_000,
  ...extra
})

describe('search', () => {
  it('finds topics by text, MQTT filter, regex and payload text', async () => {
    const model = sample()
    const runner = new SearchRunner()
    const topics = async (q: SearchQuery) => (await runner.run(model, 's', q)).topics.sort()
    expect(await topics(query('topic', 'TEMP'))).toEqual(['home/hall/temp', 'home/kitchen/temp'])
    expect(await topics(query('topic', 'TEMP', { caseSensitive: true }))).toEqual([])
    expect(await topics(query('filter', '+/+/temp'))).toEqual(['home/hall/temp', 'home/kitchen/temp'])
    expect(await topics(query('filter', '#'))).not.toContain('$SYS/broker/uptime')
    expect(await topics(query('regex', '^home/[a-z]+$'))).toEqual(['home/attic'])
    expect(await topics(query('payload', 'dusty'))).toEqual(['home/attic'])
    expect(await topics(query('payload', 'dusty', { caseSensitive: true }))).toEqual([])
    expect(await topics(query('payload', '21.7', { path: 'home' }))).toEqual(['home/kitchen/temp'])
    await expect(runner.run(model, 's', query('regex', '(unclosed'))).rejects.toThrow(/regular expression is not valid/)
    await expect(runner.run(model, 's', query('filter', 'a/#/b'))).rejects.toThrow(/# must stand alone/)
    expect((await runner.run(model, 's', query('topic', 'o', { limit: 2 })))).toMatchObject({ status: 'limit', topics: expect.any(Array) })
  })

  it('runs a catastrophic regex off the event loop and stops it at the time limit with a sentence', async () => {
    const model = new ConnectionModel(() => defaultModelSettings)
    model.ingest(msg(`${'a'.repeat(25)}!`, 'x', 1))
    // (a+)+$ on 25 a's and a "!" backtracks about 2^25 times: seconds in whatever thread runs it, twice as long per added a.
    const started = performance.now()
    let ticks = 0
    let longestGap = 0
    let last = started
    const timer = setInterval(() => {
      const now = performance.now()
      longestGap = Math.max(longestGap, now - last)
      last = now
      ticks++
    }, 10)
    try {
      const search = new SearchRunner().run(model, 'redos', query('regex', '(a+)+$', { timeLimitMs: 300 }))
      await expect(search).rejects.toThrow(/took too long and was stopped.*simplify it/)
    } finally {
      clearInterval(timer)
    }
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(ticks).toBeGreaterThan(5)
    expect(longestGap).toBeLessThan(250)
  })

  it('keeps JavaScript regex semantics in the worker: flags, classes, lookarounds, limit and cancel', async () => {
    const model = sample()
    const runner = new SearchRunner()
    const topics = async (text: string, extra: Partial<SearchQuery> = {}) => (await runner.run(model, 's', query('regex', text, extra))).topics.sort()
    expect(await topics('PUMP$')).toEqual(['garden/Pump'])
    expect(await topics('PUMP$', { caseSensitive: true })).toEqual([])
    expect(await topics('^home/(?!kitchen)\\w+/temp$')).toEqual(['home/hall/temp'])
    expect(await topics('^\\$SYS\\/')).toEqual(['$SYS/broker/uptime'])
    expect(await topics('\\u{24}SYS')).toEqual(['$SYS/broker/uptime'])
    expect(await runner.run(model, 's', query('regex', 'e', { limit: 2 }))).toMatchObject({ status: 'limit', topics: expect.any(Array) })
    const many = new ConnectionModel(() => defaultModelSettings)
    for (let i = 0; i < 20_000; i++) many.ingest(msg(`bulk/${'n'.repeat(18)}/${i}`, 'x', i))
    const pending = runner.run(many, 'cancel-regex', query('regex', '^bulk/(n+)+x', { timeLimitMs: 30_000 }))
    expect(runner.cancel('cancel-regex')).toBe(true)
    expect(await pending).toMatchObject({ status: 'cancelled', topics: [] })
  })

  it('stops at its time limit and when cancelled, replying with what it found so far', async () => {
    const model = new ConnectionModel(() => defaultModelSettings)
    for (let i = 0; i < 100_000; i++) model.ingest(msg(`bulk/${'n'.repeat(18)}/${i}`, `{"value":${i}}`, i))
    const runner = new SearchRunner()
    // Catastrophic backtracking: each topic takes about a millisecond, so the whole scan would take minutes.
    const slow = query('regex', '^bulk/(n+)+x', { timeLimitMs: 50 })
    const started = performance.now()
    const timedOut = await runner.run(model, 'slow', slow)
    expect(timedOut.status).toBe('timeout')
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(timedOut.scanned).toBeLessThan(100_000)

    const pending = runner.run(model, 'cancel-me', query('payload', 'value', { caseSensitive: false, limit: 1_000_000, timeLimitMs: 30_000 }))
    expect(runner.cancel('cancel-me')).toBe(true)
    const cancelled = await pending
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.topics.length).toBe(cancelled.scanned)
    expect(cancelled.scanned).toBeLessThan(100_000)
    expect(runner.cancel('cancel-me')).toBe(false)
  })
})
