import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { connectionOptionsSchema } from '../../shared/contract'
import { buildClientOptions, randomClientId } from './clientOptions'

const parse = (input: Partial<z.input<typeof connectionOptionsSchema>>) => connectionOptionsSchema.parse({ protocol: 'mqtt', host: 'broker.lan', port: 1883, ...input })

describe('buildClientOptions', () => {
  it('maps the basics, with the schema defaults', async () => {
    const options = await buildClientOptions(parse({ clientId: 'sensor-7' }))
    expect(options).toMatchObject({
      protocol: 'mqtt',
      host: 'broker.lan',
      port: 1883,
      protocolId: 'MQTT',
      protocolVersion: 4,
      clientId: 'sensor-7',
      clean: true,
      keepalive: 60,
      connectTimeout: 10_000,
      reconnectPeriod: 5_000,
      resubscribe: false
    })
    expect(options.path).toBeUndefined()
    expect(options.username).toBeUndefined()
    expect(options.properties).toBeUndefined()
  })

  it('speaks MQTT 3.1 as protocol "MQIsdp" version 3', async () => {
    expect(await buildClientOptions(parse({ protocolVersion: 3 }))).toMatchObject({ protocolId: 'MQIsdp', protocolVersion: 3 })
  })

  it('generates a random client id that MQTT 3.1 accepts (at most 23 characters)', async () => {
    const a = (await buildClientOptions(parse({}))).clientId
    const b = (await buildClientOptions(parse({ clientId: '' }))).clientId
    expect(a).toMatch(/^brokerscope-[0-9a-f]{8}$/)
    expect(b).toMatch(/^brokerscope-[0-9a-f]{8}$/)
    expect(a).not.toBe(b)
    expect(randomClientId().length).toBeLessThanOrEqual(23)
  })

  it('sends the session expiry interval on MQTT 5 only', async () => {
    expect((await buildClientOptions(parse({ protocolVersion: 5, sessionExpiryInterval: 300 }))).properties).toEqual({ sessionExpiryInterval: 300 })
    expect((await buildClientOptions(parse({ protocolVersion: 4, sessionExpiryInterval: 300 }))).properties).toBeUndefined()
  })

  it('passes credentials, leaving out empty fields', async () => {
    expect(await buildClientOptions(parse({ username: 'u', password: 'p' }))).toMatchObject({ username: 'u', password: 'p' })
    const empty = await buildClientOptions(parse({ username: '', password: '' }))
    expect(empty.username).toBeUndefined()
    expect(empty.password).toBeUndefined()
  })

  it('uses the WebSocket path for ws:// only, with a leading slash', async () => {
    expect((await buildClientOptions(parse({ protocol: 'ws', path: 'mqtt' }))).path).toBe('/mqtt')
    expect((await buildClientOptions(parse({ protocol: 'ws' }))).path).toBe('/mqtt')
    expect((await buildClientOptions(parse({ path: '/mqtt' }))).path).toBeUndefined()
  })

  it('checks certificates on mqtts:// by default, with the server name and ALPN when given', async () => {
    expect(await buildClientOptions(parse({ protocol: 'mqtts' }))).toMatchObject({ rejectUnauthorized: true })
    const options = await buildClientOptions(parse({ protocol: 'mqtts', tls: { servername: 'broker.example.test', alpnProtocols: ['mqtt'], rejectUnauthorized: false } }))
    expect(options).toMatchObject({ servername: 'broker.example.test', ALPNProtocols: ['mqtt'], rejectUnauthorized: false })
  })

  it('gives wss:// its TLS options inside wsOptions too (mqtt.js copies only some of them)', async () => {
    const options = await buildClientOptions(parse({ protocol: 'wss', tls: { servername: 'broker.example.test' } }))
    expect(options.wsOptions).toMatchObject({ servername: 'broker.example.test', rejectUnauthorized: true })
  })

  it('ignores TLS settings on plain mqtt://', async () => {
    const options = await buildClientOptions(parse({ tls: { servername: 'x.test', caFiles: ['/does/not/matter.pem'] } }))
    expect(options.servername).toBeUndefined()
    expect(options.ca).toBeUndefined()
  })

  it('maps the last will, with its v5 properties on MQTT 5 only', async () => {
    const will = { topic: 'status/me', payload: new Uint8Array([111, 102, 102]), qos: 1 as const, retain: true, properties: { willDelayInterval: 5, contentType: 'text/plain' } }
    const v5 = await buildClientOptions(parse({ protocolVersion: 5, will }))
    expect(v5.will).toMatchObject({ topic: 'status/me', qos: 1, retain: true, properties: { willDelayInterval: 5, contentType: 'text/plain' } })
    expect(Buffer.from(v5.will?.payload as Buffer).toString()).toBe('off')
    expect((await buildClientOptions(parse({ protocolVersion: 4, will }))).will?.properties).toBeUndefined()
  })
})
