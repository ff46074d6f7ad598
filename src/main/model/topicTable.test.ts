import { describe, expect, it } from 'vitest'
import { ConnectionModel } from './connectionModel'
import { defaultModelSettings } from './settings'
import { TopicEntry } from './topicEntry'
import { TopicTable, topicHash } from './topicTable'

// Known FNV-1a 32-bit collisions: each pair shares one hash.
const colliding = ['costarring', 'liquid', 'declinate', 'macallums'] as const

describe('TopicTable', () => {
  it('tells apart topics whose names share a hash, and removes any of a chain', () => {
    expect(topicHash('costarring')).toBe(topicHash('liquid'))
    const table = new TopicTable()
    const entries = ['costarring', 'liquid', 'altarage', 'zinke', 'other'].map((topic, id) => new TopicEntry(id, topic))
    for (const entry of entries) table.add(entry)
    for (const entry of entries) expect(table.get(Buffer.from(entry.topic).toString())).toBe(entry)
    expect(table.get('costarrinG')).toBeUndefined()
    table.delete(entries[1] as TopicEntry)
    table.delete(entries[2] as TopicEntry)
    expect(table.get('liquid')).toBeUndefined()
    expect(table.get('altarage')).toBeUndefined()
    expect(table.get('costarring')).toBe(entries[0])
    expect(table.get('zinke')).toBe(entries[3])
    table.delete(entries[0] as TopicEntry)
    expect(table.get('costarring')).toBeUndefined()
    table.clear()
    expect(table.get('other')).toBeUndefined()
  })

  it('finds every entry after growing and after removals anywhere in a probe run', () => {
    const table = new TopicTable(4)
    const entries = Array.from({ length: 300 }, (_, id) => new TopicEntry(id, `a/${id % 7}/${id}`))
    for (const entry of entries) table.add(entry)
    const removed = entries.filter((entry) => entry.id % 3 === 0)
    for (const entry of removed) table.delete(entry)
    for (const entry of entries) expect(table.get(`a/${entry.id % 7}/${entry.id}`)).toBe(entry.id % 3 === 0 ? undefined : entry)
    for (const entry of removed) table.add(entry)
    for (const entry of entries) expect(table.get(entry.topic)).toBe(entry)
  })

  it('keeps exact counts per topic in the model when names collide, also after one is removed', () => {
    const model = new ConnectionModel(() => defaultModelSettings)
    const send = (topic: string, retain = false, payload = 'v'): void =>
      model.ingest({ topic, payload: Buffer.from(payload), qos: 0, retain, dup: false, receivedAt: 1 })
    for (let i = 0; i < 3; i++) for (const topic of colliding) send(topic)
    send('liquid', true)
    expect(colliding.map((topic) => model.topics.get(topic)?.count)).toEqual([3, 4, 3, 3])
    send('liquid', true, '')
    send('costarring')
    expect(model.topics.has('liquid')).toBe(false)
    expect(model.topics.get('costarring')?.count).toBe(4)
    send('liquid')
    expect(model.topics.get('liquid')?.count).toBe(1)
  })
})
