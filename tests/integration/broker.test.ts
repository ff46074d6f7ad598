// Proves each test-broker listener does what tests/support/broker promises, using plain mqtt.js.
import { readFileSync } from 'node:fs'
import { connect as connectTcp } from 'node:net'
import type { ConnectionOptions as TlsOptions } from 'node:tls'
import mqtt, { ErrorWithSubackPacket, type IClientOptions, type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAedes } from '../support/broker/aedes'
import { testCertificates } from '../support/broker/certificates'
import { findMosquitto, startMosquitto } from '../support/broker/mosquitto'
import { allListeners, type ListenerName, type TestBroker } from '../support/broker'

const waitMs = 5_000

/** Connects without retrying; rejects with the first error, or when the connection closes before CONNACK. */
function open(url: string, options: IClientOptions = {}): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: waitMs, ...options })
    const fail = (error: Error): void => { client.end(true); reject(error) }
    client.once('connect', () => resolve(client))
    client.once('error', fail)
    client.once('close', () => fail(new Error('The connection closed before CONNACK.')))
  })
}

function nextMessage(client: MqttClient, topic: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No message on ${topic} within ${waitMs} ms.`)), waitMs)
    client.on('message', (received, payload) => {
      if (received !== topic) return
      clearTimeout(timer)
      resolve(payload.toString())
    })
  })
}

/** SUBACK return codes, one per filter (mqtt.js rejects when any is a failure, carrying the SUBACK). */
async function subackCodes(client: MqttClient, filters: string[]): Promise<number[]> {
  try {
    return (await client.subscribeAsync(filters, { qos: 1 })).map((grant) => grant.qos)
  } catch (error) {
    if (error instanceof ErrorWithSubackPacket) return error.packet.granted.map(Number)
    throw error
  }
}

async function roundTrip(client: MqttClient, topic: string): Promise<string> {
  await client.subscribeAsync(topic, { qos: 1 })
  const received = nextMessage(client, topic)
  await client.publishAsync(topic, 'hello', { qos: 1 })
  return received
}

type Start = (listeners: ListenerName[]) => Promise<TestBroker>
const mosquittoBinary = findMosquitto()
const starters: Record<TestBroker['kind'], Start | undefined> = {
  mosquitto: mosquittoBinary ? async (listeners) => startMosquitto(mosquittoBinary, listeners, await testCertificates()) : undefined,
  aedes: async (listeners) => startAedes(listeners, await testCertificates())
}

describe.each(Object.entries(starters).filter(([, start]) => start !== undefined))('%s test broker', (kind, start) => {
  let broker: TestBroker
  const clients: MqttClient[] = []
  const url = (scheme: string, listener: keyof TestBroker['ports']): string =>
    `${scheme}://${broker.host}:${broker.ports[listener]}`
  const connect = async (address: string, options?: IClientOptions): Promise<MqttClient> => {
    const client = await open(address, options)
    clients.push(client)
    return client
  }
  const credentials = (): IClientOptions => ({ username: broker.users.name, password: broker.users.password })
  const tlsOptions = (): IClientOptions => ({ ca: readFileSync(broker.files.ca), servername: broker.tlsServerName })

  beforeAll(async () => { broker = await start!([...allListeners]) })
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.endAsync(true)))
    await broker?.stop()
  })

  it('starts every listener on its own 127.0.0.1 port', () => {
    expect(Object.keys(broker.ports).sort()).toEqual([...allListeners].sort())
    expect(new Set(Object.values(broker.ports)).size).toBe(allListeners.length)
  })

  it('plain: anonymous clients publish and receive', async () => {
    const client = await connect(url('mqtt', 'plain'))
    expect(await roundTrip(client, 'test/plain')).toBe('hello')
  })

  it('auth: refuses anonymous and wrong passwords, accepts the user', async () => {
    await expect(open(url('mqtt', 'auth'))).rejects.toMatchObject({ code: 5 })
    await expect(open(url('mqtt', 'auth'), { username: broker.users.name, password: 'wrong' })).rejects.toMatchObject({ code: 5 })
    const client = await connect(url('mqtt', 'auth'), credentials())
    expect(await roundTrip(client, 'test/auth')).toBe('hello')
  })

  // Both ACL listeners drop the denied topic both ways; Mosquitto 2.0's ACL file still grants the SUBACK.
  it.each(['acl', 'aclPlugin'] as const)('%s: drops the denied topic both ways for the user, passes others', async (listener) => {
    const user = await connect(url('mqtt', listener), credentials())
    const watcher = await connect(url('mqtt', 'plain'))
    const seenByUser: string[] = []
    const seenByWatcher: string[] = []
    user.on('message', (topic) => seenByUser.push(topic))
    watcher.on('message', (topic) => seenByWatcher.push(topic))
    await user.subscribeAsync('secret/#', { qos: 1 })
    await watcher.subscribeAsync('secret/#', { qos: 1 })

    const watcherGotAllowed = nextMessage(watcher, 'secret/from-user')
    await user.publishAsync(broker.aclDeniedTopic, 'nope', { qos: 1 })
    await user.publishAsync('secret/from-user', 'yes', { qos: 1 })
    expect(await watcherGotAllowed).toBe('yes')
    expect(seenByWatcher).toEqual(['secret/from-user'])

    const userGotAllowed = nextMessage(user, 'secret/from-watcher')
    await watcher.publishAsync(broker.aclDeniedTopic, 'nope', { qos: 1 })
    await watcher.publishAsync('secret/from-watcher', 'yes', { qos: 1 })
    expect(await userGotAllowed).toBe('yes')
    expect(seenByUser).toEqual(['secret/from-user', 'secret/from-watcher'])
  })

  it('acl vs aclPlugin: only the plugin refuses the subscription in the SUBACK, per filter', async () => {
    const filters = [broker.aclDeniedTopic, 'secret/other']
    const viaFile = await connect(url('mqtt', 'acl'), credentials())
    expect(await subackCodes(viaFile, filters)).toEqual([1, 1])
    const viaPlugin = await connect(url('mqtt', 'aclPlugin'), credentials())
    expect(await subackCodes(viaPlugin, filters)).toEqual([128, 1])
  })

  it.runIf(kind === 'mosquitto')('MQTT 5: SUBACK 0x87 on aclPlugin, PUBACK 0x87 on acl', async () => {
    const v5 = { ...credentials(), protocolVersion: 5 } as const
    const viaPlugin = await connect(url('mqtt', 'aclPlugin'), v5)
    expect(await subackCodes(viaPlugin, [broker.aclDeniedTopic, 'secret/other'])).toEqual([0x87, 1])
    const viaFile = await connect(url('mqtt', 'acl'), v5)
    await expect(viaFile.publishAsync(broker.aclDeniedTopic, 'nope', { qos: 1 })).rejects.toMatchObject({ code: 0x87 })
  })

  it('ws: MQTT over WebSocket round trip', async () => {
    const client = await connect(`${url('ws', 'ws')}${broker.wsPath}`)
    expect(await roundTrip(client, 'test/ws')).toBe('hello')
  })

  it('wss: MQTT over WebSocket over TLS round trip, with the CA and the servername', async () => {
    const client = await connect(`${url('wss', 'wss')}${broker.wsPath}`, { ...tlsOptions(), wsOptions: tlsOptions() })
    expect(await roundTrip(client, 'test/wss')).toBe('hello')
  })

  it('tls: works with the CA and the servername, fails on 127.0.0.1 without it', async () => {
    const client = await connect(url('mqtts', 'tls'), tlsOptions())
    expect(await roundTrip(client, 'test/tls')).toBe('hello')
    await expect(open(url('mqtts', 'tls'), { ca: readFileSync(broker.files.ca) }))
      .rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' })
  })

  it('mtls: needs the CA-signed client certificate with its encrypted key', async () => {
    await expect(open(url('mqtts', 'mtls'), tlsOptions())).rejects.toThrow()
    // mqtt.js hands every option to tls.connect, but its types omit `passphrase`.
    const withClientCert: IClientOptions & Pick<TlsOptions, 'passphrase'> = {
      ...tlsOptions(),
      cert: readFileSync(broker.files.clientCert),
      key: readFileSync(broker.files.clientKey),
      passphrase: broker.files.clientKeyPassphrase
    }
    const client = await connect(url('mqtts', 'mtls'), withClientCert)
    expect(await roundTrip(client, 'test/mtls')).toBe('hello')
  })

  it('selfSigned: fails verification as self-signed, works when that certificate is trusted', async () => {
    await expect(open(url('mqtts', 'selfSigned'), tlsOptions()))
      .rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    const client = await connect(url('mqtts', 'selfSigned'), { ...tlsOptions(), ca: readFileSync(broker.files.selfSignedCert) })
    expect(await roundTrip(client, 'test/self')).toBe('hello')
  })

  it('expired: fails verification as expired', async () => {
    await expect(open(url('mqtts', 'expired'), tlsOptions())).rejects.toMatchObject({ code: 'CERT_HAS_EXPIRED' })
  })

  it('stop() is prompt even with a connection that never sent CONNECT', async () => {
    const small = await start!(['plain'])
    const idle = connectTcp({ host: small.host, port: small.ports.plain! })
    await new Promise((resolve) => idle.once('connect', resolve))
    const started = Date.now()
    await small.stop()
    expect(Date.now() - started).toBeLessThan(3_000)
    idle.destroy()
  })
})
