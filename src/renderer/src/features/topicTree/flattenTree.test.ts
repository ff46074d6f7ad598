import { describe, expect, it } from 'vitest'
import { ClientModel } from '../../model'
import { testDelta } from '../../test/deltas'
import { ancestorPaths, flattenTree } from './flattenTree'
import { compileTreeFilter } from './treeFilter'

function modelWith(changes: Parameters<typeof testDelta>[2]): ClientModel {
  const model = new ClientModel('c')
  model.apply(testDelta('c', 1, changes))
  return model
}

const sample = () =>
  modelWith([
    { topic: 'home/kitchen/temp', payload: '21.5', messageCount: 3, receivedAt: 300 },
    { topic: 'home/kitchen/light', payload: '{"on":true}', messageCount: 10, receivedAt: 100 },
    { topic: 'home/attic/temp', payload: '12', messageCount: 1, receivedAt: 200, retained: true },
    { topic: '$SYS/broker/uptime', payload: '42 seconds' },
    { topic: 'alarm', payload: 'off', receivedAt: 50 }
  ])

const paths = (rows: { id: string }[]): string[] => rows.map((r) => r.id)
const base = { expanded: new Set<string>(), sort: 'name' as const, descending: false, match: null }

describe('flattening the tree', () => {
  it('shows only top levels when nothing is expanded, with $SYS as its own branch last', () => {
    expect(paths(flattenTree(sample(), base))).toEqual(['alarm', 'home', '$SYS'])
  })

  it('shows children of expanded nodes depth first with their depth', () => {
    const rows = flattenTree(sample(), { ...base, expanded: new Set(['home', 'home/kitchen']) })
    expect(rows.map((r) => [r.id, r.depth, r.expanded])).toEqual([
      ['alarm', 0, false],
      ['home', 0, true],
      ['home/attic', 1, false],
      ['home/kitchen', 1, true],
      ['home/kitchen/light', 2, false],
      ['home/kitchen/temp', 2, false],
      ['$SYS', 0, false]
    ])
  })

  it('sorts by last update and by message count, busiest first', () => {
    const expanded = new Set(['home', 'home/kitchen'])
    const byUpdate = flattenTree(sample(), { ...base, expanded, sort: 'lastUpdate', descending: true })
    expect(paths(byUpdate).slice(0, 4)).toEqual(['home', 'home/kitchen', 'home/kitchen/temp', 'home/kitchen/light'])
    const byCount = flattenTree(sample(), { ...base, expanded, sort: 'messageCount', descending: true })
    expect(paths(byCount).slice(0, 5)).toEqual(['home', 'home/kitchen', 'home/kitchen/light', 'home/kitchen/temp', 'home/attic'])
  })

  it('keeps name order right when a child is replaced by another', () => {
    const model = modelWith([{ topic: 'b/x', payload: '1', retained: true }, { topic: 'a', payload: '1' }])
    flattenTree(model, base)
    model.apply(testDelta('c', 2, [{ topic: 'c', payload: '1' }], ['b/x']))
    expect(paths(flattenTree(model, base))).toEqual(['a', 'c'])
  })

  it('lists the ancestors needed to reveal a topic', () => {
    expect(ancestorPaths('a/b/c')).toEqual(['a', 'a/b'])
  })

  it('flattens 100k topics under an expanded node quickly', () => {
    const changes = Array.from({ length: 100_000 }, (_, i) => ({ topic: `fleet/dev${i}/state`, payload: 'ok' }))
    const model = modelWith(changes)
    const started = performance.now()
    const rows = flattenTree(model, { ...base, expanded: new Set(['fleet']) })
    const first = performance.now() - started
    const again = performance.now()
    flattenTree(model, { ...base, expanded: new Set(['fleet']) })
    const cached = performance.now() - again
    console.info(`flatten 100k: first ${first.toFixed(1)} ms, cached order ${cached.toFixed(1)} ms`)
    expect(rows).toHaveLength(100_001)
    // A loose bound (the machine is shared): catches an accidental quadratic walk, not small regressions.
    expect(cached).toBeLessThan(1000)
  })
})

describe('filtering the tree', () => {
  const compile = (text: string, mode: 'text' | 'wildcard' | 'regex', target: 'topic' | 'payload' = 'topic', options = { history: false, decoded: false }) =>
    compileTreeFilter({ text, mode, target, ...options })

  it('matches text in topic names locally and opens the branches that hold matches', () => {
    const { local, search } = compile('TEMP', 'text')
    expect(search).toBeNull()
    expect(paths(flattenTree(sample(), { ...base, match: local }))).toEqual(['home', 'home/attic', 'home/attic/temp', 'home/kitchen', 'home/kitchen/temp'])
  })

  it('shows the topics main found, with their ancestors', () => {
    const found = new Set(['home/kitchen/light'])
    expect(paths(flattenTree(sample(), { ...base, match: (node) => found.has(node.path) }))).toEqual(['home', 'home/kitchen', 'home/kitchen/light'])
  })

  it('asks main for MQTT filters, regular expressions and payloads, bounded', () => {
    expect(compile('home/+/light', 'wildcard').search).toMatchObject({ kind: 'filter', query: 'home/+/light', history: false, limit: 10_000, timeLimitMs: 10_000 })
    expect(compile('^alarm$', 'regex').search).toMatchObject({ kind: 'regex', query: '^alarm$' })
    expect(compile('"on":true', 'text', 'payload', { history: true, decoded: true }).search).toMatchObject({ kind: 'payload', history: true, decoded: true })
    expect(compile('^\\d+$', 'regex', 'payload').search).toMatchObject({ kind: 'payloadRegex', history: false, decoded: false })
    // The options are about payloads: a topic search ignores them.
    expect(compile('^a', 'regex', 'topic', { history: true, decoded: true }).search).toMatchObject({ history: false, decoded: false })
    expect(compile('  ', 'regex')).toEqual({ local: null, search: null, problem: null })
  })

  it('explains a filter or pattern it cannot use before asking main', () => {
    expect(compile('home/#/x', 'wildcard')).toMatchObject({ search: null, problem: expect.stringMatching(/# must stand alone/) })
    expect(compile('(', 'regex')).toMatchObject({ search: null, problem: expect.stringMatching(/regular expression is not valid/) })
    expect(compile('a/#', 'wildcard', 'payload').problem).toMatch(/topic names/)
  })
})
