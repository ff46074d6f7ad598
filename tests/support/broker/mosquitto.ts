import { spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { makeTempDir, onProcessExit } from './cleanup'
import { run } from './exec'
import { mosquittoAcl, mosquittoConfig } from './mosquittoConfig'
import { freePorts, waitForPorts } from './ports'
import { brokerFacts, type CertificateFiles, type ListenerName, type TestBroker } from './types'

const startTimeoutMs = 10_000
const stopGraceMs = 2_000

function findProgram(name: string, fallbackDir: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), fallbackDir]
  for (const dir of dirs) {
    const path = join(dir, name)
    try {
      accessSync(path, constants.X_OK)
      return path
    } catch { /* not in this dir */ }
  }
  return undefined
}

/** Path of the mosquitto binary (PATH, then /usr/sbin), or undefined when it is not installed. */
export function findMosquitto(): string | undefined {
  return findProgram('mosquitto', '/usr/sbin')
}

function logTail(log: string, output: string): string {
  const fromFile = existsSync(log) ? readFileSync(log, 'utf8') : ''
  return (fromFile + output).trim().split('\n').slice(-15).join('\n')
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), stopGraceMs)
    child.once('exit', () => { clearTimeout(kill); resolve() })
    child.kill('SIGTERM')
  })
}

interface Attempt { broker?: TestBroker; error: string; portRace: boolean }

async function attemptStart(binary: string, listeners: ListenerName[], certs: CertificateFiles): Promise<Attempt> {
  const dir = makeTempDir('mqtt-test-mosquitto-')
  const files = { log: join(dir.path, 'mosquitto.log'), passwordFile: join(dir.path, 'passwd'), aclFile: join(dir.path, 'acl') }
  const portList = await freePorts(listeners.length)
  const ports: Partial<Record<ListenerName, number>> = {}
  listeners.forEach((name, i) => { ports[name] = portList[i] })

  if (listeners.includes('auth') || listeners.includes('acl')) {
    const passwd = findProgram('mosquitto_passwd', '/usr/bin')
    if (!passwd) throw new Error('mosquitto_passwd was not found; install the mosquitto package to run the broker tests.')
    await run(passwd, ['-b', '-c', files.passwordFile, brokerFacts.users.name, brokerFacts.users.password])
  }
  writeFileSync(files.aclFile, mosquittoAcl(brokerFacts.users.name, brokerFacts.aclDeniedTopic))
  const configPath = join(dir.path, 'mosquitto.conf')
  writeFileSync(configPath, mosquittoConfig(ports, certs, files, process.getuid?.() === 0))

  const child = spawn(binary, ['-c', configPath], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const collect = (chunk: Buffer): void => { output = (output + chunk.toString()).slice(-4000) }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  let exited = false
  let spawnError = ''
  child.once('exit', () => { exited = true })
  child.once('error', (error) => { exited = true; spawnError = error.message })
  const cancelExitKill = onProcessExit(() => { child.kill('SIGKILL') })

  const up = await waitForPorts(portList, startTimeoutMs, () => exited)
  if (!up) {
    const tail = logTail(files.log, output + spawnError)
    await stopProcess(child)
    cancelExitKill()
    dir.remove()
    const why = exited ? 'exited' : `did not open all its ports within ${startTimeoutMs / 1000} s`
    return { error: `Mosquitto (${binary}) ${why}. Last log lines:\n${tail}`, portRace: /address already in use/i.test(tail) }
  }

  const broker: TestBroker = {
    kind: 'mosquitto',
    ...brokerFacts,
    ports,
    files: {
      ca: certs.ca, clientCert: certs.clientCert, clientKey: certs.clientKey,
      clientKeyPassphrase: certs.clientKeyPassphrase, selfSignedCert: certs.selfSignedCert
    },
    async stop() {
      await stopProcess(child)
      cancelExitKill()
      dir.remove()
    }
  }
  return { broker, error: '', portRace: false }
}

/** Starts Mosquitto with the given listeners, each on a free 127.0.0.1 port; retries when a port was taken meanwhile. */
export async function startMosquitto(binary: string, listeners: ListenerName[], certs: CertificateFiles): Promise<TestBroker> {
  let last: Attempt = { error: '', portRace: true }
  for (let attempt = 0; attempt < 3 && last.portRace; attempt += 1) {
    last = await attemptStart(binary, listeners, certs)
    if (last.broker) return last.broker
  }
  throw new Error(last.error)
}
