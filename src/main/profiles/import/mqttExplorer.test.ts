import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromMqttExplorer } from './mqttExplorer'

const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8')

describe('fromMqttExplorer', () => {
  const result = fromMqttExplorer(fixture('mqtt-explorer-settings.json'), '/home/ana/.config/MQTT-Explorer/settings.json')
  const byName = (name: string) => result.candidates.find((c) => c.name === name)

  it('maps host, port, protocol, client id, user, password and subscriptions with their QoS', () => {
    expect(byName('Plant floor')).toMatchObject({
      options: { protocol: 'mqtt', host: 'broker.plant.local', port: 1883, protocolVersion: 4, clientId: 'plant-explorer', username: 'operator' },
      password: 'explorer-secret-1',
      subscriptions: [
        { filter: 'plant/#', qos: 1 },
        { filter: '$SYS/#', qos: 0 }
      ],
      inlineFiles: []
    })
    expect(byName('Plant floor')?.options.tls).toBeUndefined()
  })

  it('turns encryption into wss with the base path, certificate validation and the inline certificates', () => {
    const cloud = byName('Cloud over WSS')
    expect(cloud?.options).toMatchObject({
      protocol: 'wss',
      host: 'mqtt.example.com',
      port: 8884,
      path: '/mqtt',
      tls: { caFiles: ['inline/ca/ca.crt'], certFile: 'inline/cert/client.crt', keyFile: 'inline/key/client.key', rejectUnauthorized: false }
    })
    expect(cloud?.inlineFiles.map((f) => [f.fileName, Buffer.from(f.data).toString('utf8').split('\n')[1]])).toEqual([
      ['ca.crt', 'MIIBfixtureCA'],
      ['client.crt', 'MIIBfixtureClient'],
      ['client.key', 'MIIBfixtureKey']
    ])
    expect(cloud?.password).toBeUndefined()
  })

  it('reads the older subscriptions (plain strings) and says why certificates of an unencrypted connection are left out', () => {
    const eclipse = byName('mqtt.eclipseprojects.io')
    expect(eclipse?.subscriptions).toEqual([
      { filter: '#', qos: 0 },
      { filter: '$SYS/#', qos: 0 }
    ])
    expect(eclipse?.options.tls).toBeUndefined()
    expect(result.skipped).toContainEqual({
      name: 'mqtt.eclipseprojects.io',
      reason: 'Its certificates are left out: encryption is off for it, so MQTT Explorer does not use them either.',
      wholeConnection: false
    })
  })

  it('leaves out a subscription the rules refuse and keeps the connection', () => {
    expect(result.skipped).toContainEqual({
      name: 'Plant floor',
      reason: 'The subscription "plant/#/bad" is left out: In "plant/#/bad", # must stand alone as the last level (like sensors/#).',
      wholeConnection: false
    })
  })

  it('skips a connection the profile rules refuse, with the reason', () => {
    expect(byName('No host')).toBeUndefined()
    expect(result.skipped).toContainEqual({ name: 'No host', reason: 'Enter the broker host name or address. (at options.host)', wholeConnection: true })
    expect(result.skipped.filter((s) => s.name === 'No host')).toHaveLength(1)
    expect(result.candidates).toHaveLength(3)
  })

  it('says a client certificate without its key is left out', () => {
    const settings = JSON.parse(fixture('mqtt-explorer-settings.json'))
    delete settings.ConnectionManager_connections['a8d0e6b2-5f3a-4e1e-8a7b-1f2e3d4c5b6a'].clientKey
    const { candidates, skipped } = fromMqttExplorer(JSON.stringify(settings), 'settings.json')
    expect(candidates.find((c) => c.name === 'Cloud over WSS')?.options.tls).toMatchObject({ caFiles: ['inline/ca/ca.crt'] })
    expect(candidates.find((c) => c.name === 'Cloud over WSS')?.options.tls?.certFile).toBeUndefined()
    expect(skipped).toContainEqual({
      name: 'Cloud over WSS',
      reason: 'It has a client certificate without its key; a client certificate needs both, so it is left out.',
      wholeConnection: false
    })
  })

  it('refuses a damaged file with a sentence naming it', () => {
    expect(() => fromMqttExplorer(fixture('mqtt-explorer-damaged.json'), '/tmp/settings.json')).toThrow(
      /^\/tmp\/settings\.json could not be read as MQTT Explorer's settings \(it is not valid JSON: .+\), so nothing was imported\. Choose MQTT Explorer's settings\.json/
    )
    expect(() => fromMqttExplorer('{"Settings": {}}', 'other.json')).toThrow(
      `other.json could not be read as MQTT Explorer's settings (it has no "ConnectionManager_connections" entry), so nothing was imported.`
    )
  })
})
