import { describe, expect, it } from 'vitest'
import type { MessageProperties, ReceivedMessage } from '../../shared/contract'
import { ConnectionModel } from './connectionModel'
import { RECORD_COST } from './messageLog'
import { history } from './queries'
import { defaultModelSettings, mergeSettings } from './settings'
import { propertiesCost } from './storedProperties'

function model(historyLimit: number, budgetBytes = defaultModelSettings.budgetBytes): ConnectionModel {
  const settings = mergeSettings(defaultModelSettings, { historyLimit, budgetBytes })
  return new ConnectionModel(() => settings)
}

const received = (topic: string, properties?: MessageProperties): ReceivedMessage => ({
  topic,
  payload: Buffer.from('{"v":1}'),
  qos: 0,
  retain: false,
  dup: false,
  receivedAt: 1,
  ...(properties ? { properties } : {})
})

describe('MQTT 5 properties in the model', () => {
  it('keeps correlation data as a copy, not as a view that holds the whole socket chunk', () => {
    const connection = model(10)
    const chunk = Buffer.alloc(64 * 1024, 7)
    chunk.write('request-42', 100)
    connection.ingest(received('rpc/reply', { correlationData: chunk.subarray(100, 110), contentType: 'application/json' }))
    chunk.fill(0)
    const kept = history(connection, 'rpc/reply', undefined, 10, 100).messages[0]?.properties
    expect(Buffer.from(kept?.correlationData ?? []).toString()).toBe('request-42')
    expect(kept?.correlationData?.buffer.byteLength).toBe(10)
    expect(kept?.contentType).toBe('application/json')
  })

  it('counts properties against the budget, and gives the bytes back when their record goes', () => {
    const connection = model(1)
    connection.ingest(received('a'))
    const withoutProperties = connection.storedBytes
    const properties: MessageProperties = { userProperties: [['trace', 'x'.repeat(10_000)]], correlationData: new Uint8Array(500) }
    connection.ingest(received('a', properties))
    expect(connection.storedBytes).toBe(withoutProperties + propertiesCost(properties))
    expect(propertiesCost(properties)).toBeGreaterThan(20_500)
    connection.ingest(received('a'))
    expect(connection.storedBytes).toBe(withoutProperties)
    expect(connection.log.propertyBytes).toBe(0)
  })

  it('evicts history for large properties to stay within the budget, and stops when only latest values are left', () => {
    const budgetBytes = 1 << 20
    const connection = model(500, budgetBytes)
    const big: MessageProperties = { userProperties: [['blob', 'y'.repeat(50_000)]] }
    for (let i = 0; i < 40; i++) connection.ingest(received('a', big))
    expect(connection.storedBytes).toBeLessThanOrEqual(budgetBytes)
    expect(connection.topics.get('a')?.count).toBe(40)
    expect(connection.log.evicted).toBeGreaterThan(0)
    // Latest values alone over the budget: ingest still returns (nothing left to evict) and counts stay exact.
    for (let i = 0; i < 30; i++) connection.ingest(received(`t/${i}`, big))
    expect(connection.topics.size).toBe(31)
    expect(connection.log.liveRecords).toBeGreaterThanOrEqual(31)
    expect(connection.storedBytes).toBeGreaterThan(31 * RECORD_COST)
  })

  it('grows the log past the budget instead of looping when only latest values with properties are left', () => {
    const connection = model(500, 1 << 20)
    for (let i = 0; i < 9_000; i++) connection.ingest(received(`device/${i}`, { contentType: 'text/plain' }))
    expect(connection.topics.size).toBe(9_000)
    expect(connection.log.liveRecords).toBe(9_000)
  })
})
