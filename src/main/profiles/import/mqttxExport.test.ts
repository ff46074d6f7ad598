import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromMqttxExport } from './mqttxExport'

const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8')
const utf8 = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes)

describe('fromMqttxExport (JSON)', () => {
  const result = fromMqttxExport(fixture('mqttx-export.json'), 'MQTTX-all.json')
  const factory = result.candidates.find((c) => c.name === 'Factory TLS v5')
  const lab = result.candidates.find((c) => c.name === 'Lab over WebSocket')

  it('maps an MQTT 5 TLS connection: version, session, timings, TLS files and options, user and password', () => {
    expect(factory?.options).toMatchObject({
      protocol: 'mqtts',
      host: 'factory.example.com',
      port: 8883,
      protocolVersion: 5,
      clientId: 'mqttx_5f0c1a2b',
      clean: false,
      keepaliveSeconds: 30,
      sessionExpiryInterval: 600,
      connectTimeoutMs: 15_000,
      reconnectPeriodMs: 2000,
      username: 'line-3',
      tls: {
        caFiles: ['/home/ana/certs/factory-ca.pem'],
        certFile: '/home/ana/certs/line3.crt',
        keyFile: '/home/ana/certs/line3.key',
        rejectUnauthorized: false,
        alpnProtocols: ['mqtt', 'x-amzn-mqtt-ca']
      }
    })
    expect(factory?.password).toBe('mqttx-secret-2')
  })

  it('maps the last will with its MQTT 5 properties', () => {
    const will = factory?.options.will
    expect(will).toMatchObject({ topic: 'factory/line-3/status', qos: 1, retain: true })
    expect(utf8(will?.payload)).toBe('offline')
    expect(will?.properties).toEqual({
      willDelayInterval: 5,
      payloadFormatIndicator: true,
      messageExpiryInterval: 3600,
      contentType: 'text/plain',
      userProperties: [
        ['site', 'north'],
        ['line', '3'],
        ['line', '3b']
      ]
    })
  })

  it('maps subscriptions with QoS and MQTT 5 options, and says what is left out of them', () => {
    expect(factory?.subscriptions).toEqual([
      { filter: 'factory/line-3/#', qos: 2, noLocal: true, retainAsPublished: true, retainHandling: 1 },
      { filter: 'factory/counters', qos: 0 }
    ])
    const notes = result.skipped.filter((s) => s.name === 'Factory TLS v5')
    expect(notes.every((s) => !s.wholeConnection)).toBe(true)
    expect(notes.map((s) => s.reason)).toEqual([
      'Its MQTT 5 connect property "Receive Maximum" is left out: a profile has no field for it.',
      'MQTTX adds the time to its client id at each connect; here the client id is used as it is.',
      'The subscription "factory/alarms" is left out: it is turned off in MQTTX, and a profile has no turned-off subscriptions.',
      'The subscription identifier of "factory/counters" is left out: a profile has no field for it.'
    ])
  })

  it('maps WebSocket path, no reconnect, no user and drops MQTT 5 subscription options on 3.1.1 as MQTTX does', () => {
    expect(lab?.options).toMatchObject({ protocol: 'ws', host: 'lab.local', port: 8083, path: '/ws', protocolVersion: 4, reconnectPeriodMs: 0, connectTimeoutMs: 10_000 })
    expect(lab?.options.username).toBeUndefined()
    expect(lab?.options.will).toBeUndefined()
    expect(lab?.options.tls).toBeUndefined()
    expect(lab?.password).toBeUndefined()
    expect(lab?.subscriptions).toEqual([{ filter: 'lab/#', qos: 0 }])
  })

  it('skips a connection whose MQTT version has no equivalent', () => {
    expect(result.candidates.map((c) => c.name)).toEqual(['Factory TLS v5', 'Lab over WebSocket'])
    expect(result.skipped).toContainEqual({ name: 'Too new', reason: 'Its MQTT version "6.0" is not 3.1, 3.1.1 or 5.0.', wholeConnection: true })
  })

  it('takes a single connection object, as MQTTX does', () => {
    const one = JSON.stringify(JSON.parse(fixture('mqttx-export.json'))[1])
    expect(fromMqttxExport(one, 'one.json').candidates.map((c) => c.name)).toEqual(['Lab over WebSocket'])
  })
})

describe('fromMqttxExport (YAML)', () => {
  it('maps a YAML export: wss with the system CAs, MQTT 3.1, and a will whose MQTT 5 properties cannot be sent', () => {
    const { candidates, skipped } = fromMqttxExport(fixture('mqttx-export.yaml'), 'greenhouse.yaml')
    expect(candidates).toHaveLength(1)
    const [greenhouse] = candidates
    expect(greenhouse?.options).toMatchObject({
      protocol: 'wss',
      host: 'greenhouse.example.org',
      port: 8084,
      path: '/mqtt',
      protocolVersion: 3,
      keepaliveSeconds: 45,
      connectTimeoutMs: 20_000,
      username: 'grower',
      tls: { caFiles: [], rejectUnauthorized: true, alpnProtocols: [] },
      will: { topic: 'greenhouse/gw/status', qos: 0, retain: false }
    })
    expect(greenhouse?.options.will?.properties).toBeUndefined()
    expect(greenhouse?.password).toBe('yaml-secret-3')
    expect(greenhouse?.subscriptions).toEqual([{ filter: 'greenhouse/+/temperature', qos: 1 }])
    expect(skipped).toEqual([
      {
        name: 'Greenhouse',
        reason: 'Its last-will properties are left out: they need MQTT 5.0 and the connection uses an older version (MQTTX does not send them either).',
        wholeConnection: false
      }
    ])
  })

  it('refuses damaged files with a sentence naming them', () => {
    expect(() => fromMqttxExport(fixture('mqttx-export-damaged.yaml'), 'broken.yaml')).toThrow(/^broken\.yaml could not be read as an MQTTX export \(it is not valid YAML: .+\), so nothing was imported\. Choose a file MQTTX exported/)
    expect(() => fromMqttxExport('[{"name": "x", "host": ', 'cut.json')).toThrow(/^cut\.json could not be read as an MQTTX export \(it is not valid JSON: /)
    expect(() => fromMqttxExport('just: words', 'notes.yaml')).toThrow('notes.yaml could not be read as an MQTTX export (it holds no connections), so nothing was imported.')
  })
})
