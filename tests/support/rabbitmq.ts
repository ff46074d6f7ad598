// A RabbitMQ node with its MQTT plugin, started by a test suite in a temp dir on free 127.0.0.1 ports, and stopped by it.
import { spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeTempDir, onProcessExit } from './broker/cleanup'
import { run } from './broker/exec'
import { freePorts, waitForPorts } from './broker/ports'
import { logTail, watchProcess } from './broker/processWatch'

/** Debian's rabbitmq-server package; this script runs the node as the current user (the /usr/sbin one switches user). */
const serverScript = '/usr/lib/rabbitmq/bin/rabbitmq-server'
const bootTimeoutMs = 75_000
const stopTimeoutMs = 20_000

/** A running RabbitMQ node. */
export interface RabbitBroker {
  /** Its MQTT 3.1.1 listener on 127.0.0.1, anonymous clients allowed. */
  mqttPort: number
  stop(): Promise<void>
}

/** Why RabbitMQ tests cannot run here, in one line; undefined when the node can be started. */
export function rabbitMissing(): string | undefined {
  return existsSync(serverScript) ? undefined : `RabbitMQ is not installed (${serverScript}; Debian package rabbitmq-server): its tests are skipped.`
}

function config(host: string, amqpPort: number, mqttPort: number): string {
  return [
    `listeners.tcp.1 = ${host}:${amqpPort}`,
    `mqtt.listeners.tcp.1 = ${host}:${mqttPort}`,
    'mqtt.allow_anonymous = true',
    'mqtt.default_user = guest',
    'mqtt.default_pass = guest',
    'log.console = false',
    'log.file.level = warning',
    ''
  ].join('\n')
}

/** Starts a fresh node (its own name, data, logs and Erlang port mapper); resolves once its MQTT port accepts. */
export async function startRabbit(): Promise<RabbitBroker> {
  const dir = makeTempDir('mqtt-test-rabbitmq-')
  const [amqpPort, mqttPort, distPort, epmdPort] = (await freePorts(4)) as [number, number, number, number]
  writeFileSync(join(dir.path, 'rabbitmq.conf'), config('127.0.0.1', amqpPort, mqttPort))
  writeFileSync(join(dir.path, 'enabled_plugins'), '[rabbitmq_mqtt].\n')
  const env = {
    ...process.env,
    HOME: dir.path,
    RABBITMQ_CONFIG_FILE: join(dir.path, 'rabbitmq.conf'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir.path, 'enabled_plugins'),
    RABBITMQ_NODENAME: `mqtt-test-${process.pid}-${mqttPort}@localhost`,
    RABBITMQ_MNESIA_BASE: join(dir.path, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir.path, 'log'),
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(amqpPort),
    RABBITMQ_DIST_PORT: String(distPort),
    ERL_EPMD_ADDRESS: '127.0.0.1',
    ERL_EPMD_PORT: String(epmdPort)
  }
  // Its own process group: the script runs the Erlang VM as a child, and an aborted run must take both down.
  const child = spawn(serverScript, [], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  const watch = watchProcess(child)
  const killEpmd = (): Promise<unknown> => run('epmd', ['-port', String(epmdPort), '-kill'], dir.path).catch(() => undefined)
  const killGroup = (): void => {
    try { if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL') } catch { /* already gone */ }
  }
  const cancelExitKill = onProcessExit(killGroup)
  const stop = async (): Promise<void> => {
    if (!watch.exited()) {
      await new Promise<void>((resolve) => {
        const kill = setTimeout(killGroup, stopTimeoutMs)
        child.once('exit', () => { clearTimeout(kill); resolve() })
        child.kill('SIGTERM')
      })
    }
    // The node started its own port mapper on our port; it outlives the node unless told to stop.
    await killEpmd()
    cancelExitKill()
    dir.remove()
  }
  if (!(await waitForPorts([mqttPort], bootTimeoutMs, watch.exited))) {
    const logs = join(dir.path, 'log', `${env.RABBITMQ_NODENAME}.log`)
    const tail = logTail(logs, watch.output())
    await stop()
    throw new Error(`RabbitMQ ${watch.exited() ? 'exited' : `did not open its MQTT port within ${bootTimeoutMs / 1000} s`}. Last lines:\n${tail}`)
  }
  return { mqttPort, stop }
}
