// The opt-in TLS key log against the test broker's TLS listener: NSS key log lines for the session, the file
// readable by the user only, a sentence when the file cannot be written, and tshark decrypting a captured
// session with the key log (and not without it).
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest'
import { ConnectionManager } from '../../src/main/mqtt/connectionManager'
import { startTestBroker, type TestBroker } from '../support/broker'
import { TcpCapture } from '../support/pcap'
import { startTcpRelay } from '../support/tcpRelay'
import { optionsFor } from './connectionKit'

const run = promisify(execFile)

/** Skips where tshark is not installed; CI installs it (.ci/run), so there a missing tshark fails. */
async function requireTshark(context: TestContext): Promise<void> {
  try {
    await run('tshark', ['--version'], { timeout: 10_000 })
  } catch {
    if (process.env['CI']) throw new Error('tshark is not installed; .ci/run installs it (Debian package tshark).')
    context.skip('tshark is not installed (Debian package tshark)')
  }
}

/** The MQTT topics tshark reads in a capture, decrypting TLS with `keyLog` when given. */
async function topicsIn(capture: string, keyLog?: string): Promise<string[]> {
  const args = ['-r', capture, ...(keyLog ? ['-o', `tls.keylog_file:${keyLog}`] : []), '-Y', 'mqtt', '-T', 'fields', '-e', 'mqtt.topic']
  const { stdout } = await run('tshark', args, { timeout: 30_000 })
  return stdout.split('\n').filter(Boolean)
}

let broker: TestBroker
let dir: string
const connections = new ConnectionManager()

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['tls'] })
  dir = mkdtempSync(join(tmpdir(), 'keylog-'))
})
afterAll(async () => {
  await connections.dispose()
  await broker?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** The key log lines: LABEL, 64 hex digits of client random, then the secret in hex. */
const keyLines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').filter(Boolean)

describe('TLS key log', () => {
  it('writes the session keys in the SSLKEYLOGFILE format, readable by the user only', async () => {
    const path = join(dir, 'keys.log')
    await connections.connect('keylog', optionsFor(broker, 'tls', { tls: { caFiles: [broker.files.ca], servername: broker.tlsServerName, keyLogFile: path } }))
    const lines = keyLines(path)
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(line).toMatch(/^(CLIENT_RANDOM|[A-Z_]+_SECRET(_0)?) [0-9a-f]{64} [0-9a-f]+$/)
    // TLS 1.3 (Mosquitto's default with OpenSSL 3) logs its traffic secrets by name.
    expect(lines.some((line) => line.startsWith('CLIENT_TRAFFIC_SECRET_0 ') || line.startsWith('CLIENT_RANDOM '))).toBe(true)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    await connections.disconnect('keylog')
  })

  it('says so when the key log cannot be written, and connects without one when it is not asked for', async () => {
    const path = join(dir, 'no-such-folder', 'keys.log')
    await expect(connections.connect('bad', optionsFor(broker, 'tls', { tls: { caFiles: [broker.files.ca], servername: broker.tlsServerName, keyLogFile: path } }))).rejects.toThrow(
      `The TLS key log file ${path} cannot be written (ENOENT). Pick a file in a folder you can write to, or clear the key log field.`
    )
    await connections.connect('plain-tls', optionsFor(broker, 'tls', { tls: { caFiles: [broker.files.ca], servername: broker.tlsServerName } }))
    await connections.disconnect('plain-tls')
  })

  it('lets tshark decrypt a captured session with the key log, and not without it', async (context) => {
    await requireTshark(context)
    const capture = new TcpCapture()
    const relay = await startTcpRelay(broker.ports.tls ?? 0, capture.tap)
    const keyLog = join(dir, 'capture-keys.log')
    const topic = 'keylog/decrypted/only-with-the-keys'
    try {
      await connections.connect('captured', { ...optionsFor(broker, 'tls', { tls: { caFiles: [broker.files.ca], servername: broker.tlsServerName, keyLogFile: keyLog } }), port: relay.port })
      await connections.publish('captured', { topic, payload: new TextEncoder().encode('field test'), qos: 1, retain: false })
      await connections.disconnect('captured')
    } finally {
      await relay.close()
    }
    const file = join(dir, 'session.pcap')
    // 8883: tshark decodes MQTT over TLS there without a decode-as rule.
    capture.write(file, 8883)
    expect(readFileSync(file).includes(topic)).toBe(false)
    expect(await topicsIn(file, keyLog)).toContain(topic)
    expect(await topicsIn(file)).toEqual([])
  })
})
