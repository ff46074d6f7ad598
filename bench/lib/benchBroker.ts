import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startTestBroker } from '../../tests/support/broker'
import { findMosquitto } from '../../tests/support/broker/mosquitto'
import { freePorts } from '../../tests/support/broker/ports'

/** The broker a bench run floods: ports of its TCP and WebSocket listeners. */
export interface BenchBroker {
  kind: 'mosquitto' | 'aedes'
  tcpPort: number
  wsPort: number
  wsPath: string
  stop(): Promise<void>
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/**
 * Mosquitto as the usual guides run it, except `max_queued_messages 0`: the default queue of 1,000 would
 * drop QoS 1 messages whenever a subscriber falls behind, and the bench measures throughput, not loss.
 * Where Mosquitto is missing, the test harness's aedes broker stands in (and says so).
 */
export async function startBenchBroker(): Promise<BenchBroker> {
  const binary = findMosquitto()
  if (!binary) {
    const broker = await startTestBroker({ listeners: ['plain', 'ws'] })
    return { kind: broker.kind, tcpPort: broker.ports.plain as number, wsPort: broker.ports.ws as number, wsPath: broker.wsPath, stop: () => broker.stop() }
  }
  const dir = await mkdtemp(join(tmpdir(), 'bench-broker-'))
  const [tcpPort, wsPort] = (await freePorts(2)) as [number, number]
  const config = join(dir, 'mosquitto.conf')
  await writeFile(config, [
    'persistence false',
    'max_queued_messages 0',
    'allow_anonymous true',
    `listener ${tcpPort} 127.0.0.1`,
    // Mosquitto 2.0's websockets listener ignores a bind address; an interface name keeps it local.
    `listener ${wsPort} lo`,
    'protocol websockets',
    ''
  ].join('\n'))
  const child = spawn(binary, ['-c', config], { stdio: 'ignore' })
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      child.kill()
      await new Promise((resolve) => child.once('exit', resolve))
    }
    await rm(dir, { recursive: true, force: true })
  }
  const deadline = Date.now() + 5_000
  while (!((await accepts(tcpPort)) && (await accepts(wsPort)))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop()
      throw new Error(`Mosquitto (${binary}) did not open its bench ports within 5 s.`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { kind: 'mosquitto', tcpPort, wsPort, wsPath: '/mqtt', stop }
}
