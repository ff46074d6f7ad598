import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDataDir } from '../testSupport'
import { writeMqttxDatabase } from './fixtures/mqttxDatabase'
import { fromMqttxDatabase } from './mqttxDatabase'

let data: ReturnType<typeof tempDataDir>
beforeEach(() => {
  data = tempDataDir()
})
afterEach(() => data.cleanup())

describe('fromMqttxDatabase', () => {
  it('reads connections with their will, subscriptions (in MQTTX order) and collection from the tables', () => {
    const path = join(data.dir, 'MQTTX.db')
    writeMqttxDatabase(path)
    const { candidates, skipped } = fromMqttxDatabase(path, path)
    expect(candidates.map((c) => c.name)).toEqual(['Warehouse', 'Local dev'])
    const [warehouse, dev] = candidates
    expect(warehouse).toMatchObject({
      group: 'Sites',
      password: 'db-secret-4',
      options: {
        protocol: 'mqtts',
        host: 'warehouse.example.net',
        port: 8883,
        protocolVersion: 5,
        clientId: 'mqttx_wh',
        keepaliveSeconds: 20,
        connectTimeoutMs: 5000,
        reconnectPeriodMs: 3000,
        username: 'wh',
        tls: { caFiles: ['/etc/ssl/wh-ca.pem'], rejectUnauthorized: true, alpnProtocols: [] },
        will: { topic: 'warehouse/gw/status', qos: 2, retain: true, properties: { willDelayInterval: 30, userProperties: [['zone', 'B']] } }
      },
      subscriptions: [
        { filter: 'warehouse/alerts', qos: 2, noLocal: true },
        { filter: 'warehouse/+/stock', qos: 1, retainAsPublished: true, retainHandling: 2 }
      ]
    })
    expect(new TextDecoder().decode(warehouse?.options.will?.properties?.correlationData)).toBe('corr-1')
    expect(warehouse?.options.sessionExpiryInterval).toBeUndefined()
    expect(dev).toMatchObject({ password: 'db-secret-5', options: { protocol: 'mqtt', protocolVersion: 4, username: 'dev', reconnectPeriodMs: 0 }, subscriptions: [{ filter: 'dev/#', qos: 0 }] })
    expect(dev?.options.will).toBeUndefined()
    expect(dev?.group).toBeUndefined()
    expect(skipped).toEqual([])
  })

  it('opens the file read-only: the database is not changed, and bytes read in a browser give the same result', () => {
    const path = join(data.dir, 'MQTTX.db')
    writeMqttxDatabase(path)
    const before = readFileSync(path)
    const fromPath = fromMqttxDatabase(path, path)
    expect(readFileSync(path).equals(before)).toBe(true)
    expect(fromMqttxDatabase(new Uint8Array(before), 'MQTTX.db')).toEqual(fromPath)
  })

  it('refuses a damaged or foreign file with a sentence naming it', () => {
    const cut = join(data.dir, 'cut.db')
    writeMqttxDatabase(join(data.dir, 'whole.db'))
    writeFileSync(cut, readFileSync(join(data.dir, 'whole.db')).subarray(0, 3000))
    expect(() => fromMqttxDatabase(cut, cut)).toThrow(new RegExp(`^${cut.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} could not be read as MQTTX's database \\(.+\\), so nothing was imported\\. Choose MQTTX\\.db`))
    const other = join(data.dir, 'other.db')
    new Database(other).exec('CREATE TABLE notes (text varchar)').close()
    expect(() => fromMqttxDatabase(other, 'other.db')).toThrow("other.db could not be read as MQTTX's database (it has no ConnectionEntity table, so it is not MQTTX's database), so nothing was imported.")
    expect(() => fromMqttxDatabase(new TextEncoder().encode('not a database at all, just text that is long enough'), 'notes.txt')).toThrow(/^notes\.txt could not be read as MQTTX's database/)
  })
})
