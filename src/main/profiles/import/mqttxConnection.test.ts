import { describe, expect, it } from 'vitest'
import { fromMqttxExport } from './mqttxExport'

// Edge cases of one MQTTX connection, through an export of that connection alone.
const base = { name: 'Edge', clientId: 'c', host: 'h.local', port: 1883, mqttVersion: '3.1.1', subscriptions: [] }
const one = (fields: Record<string, unknown>) => fromMqttxExport(JSON.stringify([{ ...base, ...fields }]), 'edge.json')

describe('an MQTTX connection', () => {
  it('takes mqtts from ssl when older data has no protocol, as MQTTX does', () => {
    expect(one({ ssl: true }).candidates[0]?.options).toMatchObject({ protocol: 'mqtts', tls: { rejectUnauthorized: true } })
    expect(one({ ssl: false }).candidates[0]?.options.protocol).toBe('mqtt')
  })

  it('keeps timings inside what a profile allows: connect timeout 100 ms to 10 min, keep-alive up to 65535 s', () => {
    expect(one({ connectTimeout: 0, keepalive: 70_000 }).candidates[0]?.options).toMatchObject({ connectTimeoutMs: 100, keepaliveSeconds: 65535 })
    expect(one({ connectTimeout: 3600, reconnectPeriod: 3_600_000 }).candidates[0]?.options).toMatchObject({ connectTimeoutMs: 600_000, reconnectPeriodMs: 600_000 })
  })

  it('keeps the first 500 subscriptions and says so', () => {
    const subscriptions = Array.from({ length: 502 }, (_, i) => ({ topic: `t/${i}`, qos: 0 }))
    const { candidates, skipped } = one({ subscriptions })
    expect(candidates[0]?.subscriptions).toHaveLength(500)
    expect(skipped).toEqual([{ name: 'Edge', reason: 'Only the first 500 of its 502 subscriptions are kept (a profile keeps at most 500).', wholeConnection: false }])
  })

  it('counts MQTT 5 connect properties kept as JSON text "null" or "{}" as unset, and a real one as left out', () => {
    expect(one({ mqttVersion: '5.0', properties: { userProperties: 'null', receiveMaximum: null } }).skipped).toEqual([])
    expect(one({ mqttVersion: '5.0', properties: { userProperties: '{"a":"1"}' } }).skipped.map((s) => s.reason)).toEqual([
      'Its MQTT 5 connect property "User Properties" is left out: a profile has no field for it.'
    ])
  })

  it('keys candidates by their MQTTX id, and by position when two share one', () => {
    const entries = [
      { ...base, id: 'same', name: 'A' },
      { ...base, id: 'same', name: 'B' },
      { ...base, name: 'C' }
    ]
    expect(fromMqttxExport(JSON.stringify(entries), 'ids.json').candidates.map((c) => c.key)).toEqual(['same', '#1', '#2'])
  })
})
