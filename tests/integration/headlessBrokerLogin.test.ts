// The headless server's built-in broker with a login, started from a command line and environment the way
// `npm run serve` reads them; mosquitto_pub is the device.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHeadless, type Headless } from '../../src/server/headless'
import { BROKER_PASSWORD_VARIABLE, parseServerOptions } from '../../src/server/options'
import { run } from '../support/broker/exec'

describe('headless --broker with --broker-user', () => {
  let root: string
  let server: Headless | undefined
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'headless-broker-login-'))
    await mkdir(join(root, 'renderer'))
    await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html>')
  })
  afterAll(async () => {
    await server?.stop()
    await rm(root, { recursive: true, force: true })
  })

  it('refuses a device without the password or with a wrong one, and lets in the one with the password from the environment', async () => {
    const env = { [BROKER_PASSWORD_VARIABLE]: 'field-s3cret' }
    const options = parseServerOptions(['--port', '0', '--data-dir', join(root, 'data'), '--broker', '0', '--broker-user', 'device'], env)
    if (options === 'help') throw new Error('The command line asked for help.')
    server = await startHeadless({ ...options, rendererDir: join(root, 'renderer'), env })
    const port = /mqtt:\/\/127\.0\.0\.1:(\d+)/.exec(server.brokerNote ?? '')?.[1] ?? ''
    expect(server.brokerNote).toBe(`The built-in broker listens on mqtt://127.0.0.1:${port}; devices log in as "device" with the password from ${BROKER_PASSWORD_VARIABLE}.`)
    const publish = (...login: string[]): Promise<string> => run('mosquitto_pub', ['-h', '127.0.0.1', '-p', port, ...login, '-t', 'field/t', '-m', 'x', '-q', '1'])
    const refused = /bad user name or password|not authori[sz]ed/i
    await expect(publish()).rejects.toThrow(refused)
    await expect(publish('-u', 'device')).rejects.toThrow(refused)
    await expect(publish('-u', 'device', '-P', 'wrong')).rejects.toThrow(refused)
    await expect(publish('-u', 'device', '-P', 'field-s3cret')).resolves.toBe('')
  })
})
