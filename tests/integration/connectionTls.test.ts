// TLS as users meet it: CA files, the server-name override, certificate errors, client certificates, wss://.
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import { connect as tcpConnect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { WebSocketServer, createWebSocketStream } from 'ws'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ConnectionManager } from '../../src/main/mqtt/connectionManager'
import { startTestBroker, type TestBroker } from '../support/broker'
import { testCertificates } from '../support/broker/certificates'
import { bytes, nextMessage, optionsFor, rejectionOf, type ConnectionOptionsInput } from './connectionKit'

let broker: TestBroker
let manager: ConnectionManager
let scratch: string

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['plain', 'tls', 'mtls', 'selfSigned', 'expired'] })
  scratch = await mkdtemp(join(tmpdir(), 'engine-tls-'))
})
afterAll(async () => {
  await broker?.stop()
  if (scratch) await rm(scratch, { recursive: true, force: true })
})
afterEach(async () => {
  await manager?.dispose()
})

type Tls = NonNullable<ConnectionOptionsInput['tls']>

async function connectTls(listener: 'tls' | 'mtls' | 'selfSigned' | 'expired', tls: Partial<Tls>): Promise<void> {
  manager = new ConnectionManager()
  await manager.connect('t', optionsFor(broker, listener, { tls: { caFiles: [broker.files.ca], ...tls } }))
}

async function roundTrip(connectionId: string, topic: string): Promise<string> {
  await manager.subscribe(connectionId, [{ filter: topic, qos: 1 }])
  const arrival = nextMessage(manager, connectionId, topic)
  await manager.publish(connectionId, { topic, payload: bytes('over tls'), qos: 1, retain: false })
  return Buffer.from((await arrival).payload).toString()
}

describe('server certificates', () => {
  it('connects with the CA file and the TLS server name override, and round-trips', async () => {
    await connectTls('tls', { servername: broker.tlsServerName })
    expect(await roundTrip('t', 'tls/ok')).toBe('over tls')
  })

  it('names the hosts the certificate is for when dialing 127.0.0.1 without a server name', async () => {
    const error = await rejectionOf(connectTls('tls', {}))
    expect(error).toMatchObject({
      code: 'tls-hostname-mismatch',
      message: `The broker's certificate is valid for ${broker.tlsServerName}, not for "127.0.0.1". Enter the name the certificate is for in the "Server name (SNI)" field (under TLS), or connect using that name as the host.`
    })
  })

  it('says the certificate is self-signed or from an unknown CA', async () => {
    const error = await rejectionOf(connectTls('selfSigned', { servername: broker.tlsServerName }))
    expect(error).toMatchObject({
      code: 'tls-unknown-ca',
      message: `The broker's certificate at 127.0.0.1:${broker.ports.selfSigned} is self-signed or signed by an unknown certificate authority. Add the broker's CA certificate under "CA files", or turn off certificate checking only if you trust this network.`
    })
  })

  it('says the same when no CA file is given for a privately signed certificate', async () => {
    const error = await rejectionOf(connectTls('tls', { caFiles: [], servername: broker.tlsServerName }))
    expect(error.code).toBe('tls-unknown-ca')
  })

  it('connects to a self-signed broker when certificate checking is turned off', async () => {
    await connectTls('selfSigned', { caFiles: [], rejectUnauthorized: false })
    expect(await roundTrip('t', 'tls/unchecked')).toBe('over tls')
  })

  it('says the certificate has expired', async () => {
    const error = await rejectionOf(connectTls('expired', { servername: broker.tlsServerName }))
    expect(error).toMatchObject({
      code: 'tls-expired',
      message: `The broker's certificate at 127.0.0.1:${broker.ports.expired} has expired. Ask the broker's administrator to renew it, and check that this computer's clock is right.`
    })
  })

  it('says the server closed the connection when mqtts:// dials a plain listener', async () => {
    manager = new ConnectionManager()
    const options = optionsFor(broker, 'plain', { protocol: 'mqtts', tls: { caFiles: [broker.files.ca], servername: broker.tlsServerName } })
    const error = await rejectionOf(manager.connect('t', options))
    expect(error).toMatchObject({
      code: 'broker-refused',
      message: `The server at 127.0.0.1:${broker.ports.plain} closed the connection before the broker accepted it. Check that this port is for mqtts:// (with or without TLS, WebSocket path) and accepts MQTT 3.1.1.`
    })
  })
})

describe('client certificates', () => {
  const clientFiles = (): Partial<Tls> => ({
    servername: broker.tlsServerName,
    certFile: broker.files.clientCert,
    keyFile: broker.files.clientKey,
    keyPassphrase: broker.files.clientKeyPassphrase
  })

  it('connects with a client certificate and its encrypted key + passphrase', async () => {
    await connectTls('mtls', clientFiles())
    expect(await roundTrip('t', 'mtls/ok')).toBe('over tls')
  })

  it('names the key file when the passphrase is wrong', async () => {
    const error = await rejectionOf(connectTls('mtls', { ...clientFiles(), keyPassphrase: 'not-the-passphrase' }))
    expect(error).toMatchObject({
      code: 'file-unreadable',
      message: `The client key file "${broker.files.clientKey}" could not be decrypted with this passphrase. Check the key passphrase.`
    })
  })

  it('names the key file when the passphrase is missing', async () => {
    const error = await rejectionOf(connectTls('mtls', { ...clientFiles(), keyPassphrase: undefined }))
    expect(error).toMatchObject({
      code: 'file-unreadable',
      message: `The client key file "${broker.files.clientKey}" is encrypted. Enter its passphrase in the "Key passphrase" field.`
    })
  })

  it('says the broker wants a client certificate when none is given', async () => {
    const error = await rejectionOf(connectTls('mtls', { servername: broker.tlsServerName }))
    expect(error.code).toBe('tls-failed')
    expect(error.message).toContain('requires a client certificate')
  })
})

describe('certificate and key files', () => {
  it('names a CA file that does not exist', async () => {
    const missing = join(scratch, 'missing-ca.pem')
    const error = await rejectionOf(connectTls('tls', { caFiles: [missing], servername: broker.tlsServerName }))
    expect(error).toMatchObject({ code: 'file-unreadable', message: `The CA file "${missing}" does not exist. Choose the file again.` })
  })

  it('names a CA file that is not a certificate', async () => {
    const notPem = join(scratch, 'notes.txt')
    await writeFile(notPem, 'this is not a certificate\n')
    const error = await rejectionOf(connectTls('tls', { caFiles: [notPem], servername: broker.tlsServerName }))
    expect(error).toMatchObject({
      code: 'file-unreadable',
      message: `The CA file "${notPem}" is not a certificate in PEM or DER format. Choose the certificate file (.pem, .crt or .der).`
    })
  })

  it('names a folder chosen instead of a file', async () => {
    const error = await rejectionOf(connectTls('tls', { caFiles: [scratch], servername: broker.tlsServerName }))
    expect(error).toMatchObject({ code: 'file-unreadable', message: `The CA file "${scratch}" is a folder, not a file. Choose the file itself.` })
  })

  it('names a key file that is not a key', async () => {
    const error = await rejectionOf(connectTls('mtls', {
      servername: broker.tlsServerName,
      certFile: broker.files.clientCert,
      keyFile: broker.files.ca,
      keyPassphrase: broker.files.clientKeyPassphrase
    }))
    expect(error).toMatchObject({
      code: 'file-unreadable',
      message: `The client key file "${broker.files.ca}" is not a private key in PEM or DER format. Choose the key file (.key or .pem).`
    })
  })

  it('asks for both files when only a client certificate is chosen', async () => {
    const error = await rejectionOf(connectTls('mtls', { servername: broker.tlsServerName, certFile: broker.files.clientCert }))
    expect(error.code).toBe('invalid-argument')
  })
})

describe('MQTT over secure WebSocket (wss://)', () => {
  let proxy: HttpsServer

  beforeAll(async () => {
    // A TLS-terminating WebSocket front (as nginx often is) that forwards to the broker's plain listener.
    const certs = await testCertificates()
    proxy = createHttpsServer({ cert: readFileSync(certs.serverCert), key: readFileSync(certs.serverKey) })
    const sockets = new WebSocketServer({ server: proxy, path: '/mqtt' })
    sockets.on('connection', (socket) => {
      const upstream = tcpConnect(broker.ports.plain as number, '127.0.0.1')
      const stream = createWebSocketStream(socket)
      stream.pipe(upstream).pipe(stream)
      const destroy = (): void => {
        stream.destroy()
        upstream.destroy()
      }
      stream.on('error', destroy)
      upstream.on('error', destroy)
    })
    proxy.listen(0, '127.0.0.1')
    await once(proxy, 'listening')
  })
  afterAll(async () => {
    proxy?.closeAllConnections()
    proxy?.close()
  })

  const wssOptions = (tls: Partial<Tls>) =>
    optionsFor(broker, 'plain', { protocol: 'wss', port: (proxy.address() as { port: number }).port, path: '/mqtt', tls: { caFiles: [broker.files.ca], ...tls } })

  it('connects over wss:// with the CA file and server name override, and round-trips', async () => {
    manager = new ConnectionManager()
    await manager.connect('w', wssOptions({ servername: broker.tlsServerName }))
    expect(await roundTrip('w', 'wss/ok')).toBe('over tls')
  })

  it('names the hosts the certificate is for over wss:// too', async () => {
    manager = new ConnectionManager()
    const error = await rejectionOf(manager.connect('w', wssOptions({})))
    expect(error.code).toBe('tls-hostname-mismatch')
    expect(error.message).toContain(`valid for ${broker.tlsServerName}`)
  })
})
