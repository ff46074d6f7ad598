// The built-in broker with Debian's mosquitto_pub / mosquitto_sub as the device, as a field engineer would use it.
import { spawn } from 'node:child_process'
import { createServer, type AddressInfo } from 'node:net'
import mqtt from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import { BrokerService } from '../../src/main/broker/brokerService'
import { BuiltInBroker } from '../../src/main/broker/builtInBroker'
import type { BrokerStatus, EventName } from '../../src/shared/contract'
import { run } from '../support/broker/exec'

const started: BuiltInBroker[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((broker) => broker.stop()))
})

async function startBroker(options: Partial<Parameters<typeof BuiltInBroker.start>[0]> = {}): Promise<BuiltInBroker> {
  const broker = await BuiltInBroker.start({ tcpPort: 0, host: '127.0.0.1', ...options })
  started.push(broker)
  return broker
}

const portOf = (broker: BuiltInBroker): string => String(broker.status().tcpPort)

/** Polls until `check` holds for the broker's status, so tests wait on the broker and not on sleeps. */
async function until(broker: BuiltInBroker, check: (status: BrokerStatus) => boolean): Promise<BrokerStatus> {
  for (let i = 0; i < 100; i++) {
    const status = broker.status()
    if (check(status)) return status
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`The broker never reached the expected state: ${JSON.stringify(broker.status())}`)
}

/** mosquitto_sub waiting for `count` messages; resolves with its output once it exits. */
function subscribe(port: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', port, '-W', '10', '-v', ...args])
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`mosquitto_sub exited ${code}: ${err}`))))
  })
}

describe('the built-in broker with mosquitto clients as the device', () => {
  it('keeps a retained message for a later subscriber', async () => {
    const broker = await startBroker()
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', portOf(broker), '-t', 'field/temp', '-m', '21.5', '-r', '-q', '1'])
    expect(await subscribe(portOf(broker), ['-t', 'field/#', '-C', '1'])).toBe('field/temp 21.5\n')
  })

  it.each([1, 2])('delivers QoS %i from a publisher to a subscriber, and lists the subscriber with its subscription', async (qos) => {
    const broker = await startBroker()
    const received = subscribe(portOf(broker), ['-t', 'dev/+/state', '-q', String(qos), '-C', '1', '-i', `sub-${qos}`])
    const status = await until(broker, (s) => s.clients.some((client) => client.id === `sub-${qos}` && client.subscriptions.includes('dev/+/state')))
    expect(status.clients[0]).toMatchObject({ transport: 'tcp', address: expect.stringMatching(/^127\.0\.0\.1:\d+$/) })
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', portOf(broker), '-t', 'dev/7/state', '-m', 'on', '-q', String(qos)])
    expect(await received).toBe('dev/7/state on\n')
  })

  it('refuses a wrong password and accepts the right one', async () => {
    const broker = await startBroker({ username: 'field', password: 's3cret' })
    expect(broker.status().requiresLogin).toBe(true)
    const publish = (password: string): Promise<string> =>
      run('mosquitto_pub', ['-h', '127.0.0.1', '-p', portOf(broker), '-u', 'field', '-P', password, '-t', 't', '-m', 'x'])
    await expect(publish('wrong')).rejects.toThrow(/bad user name or password|not authori[sz]ed/i)
    await expect(run('mosquitto_pub', ['-h', '127.0.0.1', '-p', portOf(broker), '-t', 't', '-m', 'x'])).rejects.toThrow(/bad user name or password|not authori[sz]ed/i)
    await expect(publish('s3cret')).resolves.toBe('')
  })

  it('says which port is in use and what to try, and leaves nothing listening', async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const port = (taken.address() as AddressInfo).port
    try {
      await expect(BuiltInBroker.start({ tcpPort: port, host: '127.0.0.1' })).rejects.toMatchObject({
        code: 'address-in-use',
        message: `The TCP port ${port} on 127.0.0.1 is already used by another program. Choose another port, or 0 for any free one.`
      })
      const tcp = await startBroker()
      await expect(BuiltInBroker.start({ tcpPort: tcp.status().tcpPort ?? 0, host: '127.0.0.1', wsPort: port })).rejects.toMatchObject({ code: 'address-in-use' })
    } finally {
      taken.close()
    }
  })

  it('serves WebSocket clients too, and counts the messages published per second', async () => {
    const broker = await startBroker({ wsPort: 0 })
    const { wsPort } = broker.status()
    expect(broker.status().addresses.map((address) => address.url)).toEqual([`mqtt://127.0.0.1:${portOf(broker)}`, `ws://127.0.0.1:${wsPort}`])
    const client = await mqtt.connectAsync(`ws://127.0.0.1:${wsPort}/mqtt`, { clientId: 'ws-device', reconnectPeriod: 0 })
    try {
      for (let i = 0; i < 5; i++) await client.publishAsync('rate/test', String(i), { qos: 1 })
      broker.sample()
      const status = broker.status()
      expect(status.messagesPerSecond).toBe(5)
      expect(status.messagesTotal).toBe(5)
      expect(status.clients).toEqual([expect.objectContaining({ id: 'ws-device', transport: 'ws', messagesPerSecond: 5 })])
    } finally {
      await client.endAsync()
    }
  })

  it('disconnects its clients and frees its ports when stopped', async () => {
    const broker = await startBroker({ wsPort: 0 })
    const { tcpPort, wsPort } = broker.status()
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${tcpPort}`, { reconnectPeriod: 0 })
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()))
    await broker.stop()
    await closed
    expect(broker.status()).toMatchObject({ running: false, clients: [] })
    const again = await startBroker({ tcpPort: tcpPort ?? 0, wsPort: wsPort ?? 0 })
    expect(again.status()).toMatchObject({ tcpPort, wsPort })
  })
})

describe('the broker service', () => {
  it('sends the status once a second while running and once when stopped, and refuses a second start', async () => {
    const sent: Array<{ name: EventName; status: BrokerStatus }> = []
    const service = new BrokerService((name, payload) => sent.push({ name, status: payload as BrokerStatus }))
    try {
      const status = await service.start({ tcpPort: 0, host: '127.0.0.1' })
      await expect(service.start({ tcpPort: 0, host: '127.0.0.1' })).rejects.toMatchObject({ code: 'already-exists' })
      await new Promise((resolve) => setTimeout(resolve, 2_100))
      expect(sent.filter((event) => event.status.running).length).toBeGreaterThanOrEqual(3)
      expect(sent.every((event) => event.name === 'broker:status' && event.status.tcpPort === status.tcpPort)).toBe(true)
    } finally {
      await service.dispose()
    }
    expect(sent.at(-1)?.status).toMatchObject({ running: false, tcpPort: null })
    expect(service.status().running).toBe(false)
  })
})
