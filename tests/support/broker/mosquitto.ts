import { spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants, existsSync, writeFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { makeTempDir, onProcessExit } from './cleanup'
import { run } from './exec'
import { dynsecConfig, mosquittoAcl, mosquittoConfig, type MosquittoFiles } from './mosquittoConfig'
import { freePorts, waitForPorts } from './ports'
import { logTail, watchProcess } from './processWatch'
import { brokerFacts, clientFiles, type BrokerLimits, type CertificateFiles, type ListenerName, type TestBroker } from './types'

const startTimeoutMs = 10_000
const stopGraceMs = 2_000

// Where Debian, Fedora and Homebrew install the plugin that ships with Mosquitto.
const dynsecPluginPaths = [
  '/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so',
  '/usr/lib/aarch64-linux-gnu/mosquitto_dynamic_security.so',
  '/usr/lib/mosquitto_dynamic_security.so',
  '/usr/lib64/mosquitto_dynamic_security.so',
  '/usr/local/lib/mosquitto_dynamic_security.so',
  '/opt/homebrew/lib/mosquitto_dynamic_security.so'
]

/** The programs and plugin a Mosquitto test broker needs, found once per start. */
interface MosquittoTools { binary: string; passwd: string | undefined; dynsecPlugin: string | undefined }

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

function findTools(binary: string, listeners: ListenerName[]): MosquittoTools {
  const passwd = findProgram('mosquitto_passwd', '/usr/bin')
  if (!passwd && (listeners.includes('auth') || listeners.includes('acl'))) {
    throw new Error('mosquitto_passwd was not found (PATH, /usr/bin); install the mosquitto package to run the broker tests.')
  }
  const dynsecPlugin = dynsecPluginPaths.find((path) => existsSync(path))
  if (!dynsecPlugin && listeners.includes('aclPlugin')) {
    throw new Error(`The 'aclPlugin' listener needs Mosquitto's dynamic-security plugin, not found in ${dynsecPluginPaths.join(', ')}. ` +
      'Install the full mosquitto package, or leave that listener out.')
  }
  return { binary, passwd, dynsecPlugin }
}

/** Writes the password, ACL, plugin and broker config files into `dir`; returns the config path. */
async function writeFiles(dir: string, tools: MosquittoTools, ports: Partial<Record<ListenerName, number>>,
  certs: CertificateFiles, limits: BrokerLimits): Promise<{ config: string; log: string }> {
  const files: MosquittoFiles = {
    log: join(dir, 'mosquitto.log'),
    passwordFile: join(dir, 'passwd'),
    aclFile: join(dir, 'acl'),
    dynsecPlugin: tools.dynsecPlugin,
    dynsecConfig: join(dir, 'dynamic-security.json')
  }
  const { users, aclDeniedTopic } = brokerFacts
  if (tools.passwd) await run(tools.passwd, ['-b', '-c', files.passwordFile, users.name, users.password])
  writeFileSync(files.aclFile, mosquittoAcl(users.name, aclDeniedTopic))
  writeFileSync(files.dynsecConfig, dynsecConfig(users.name, users.password, aclDeniedTopic))
  const config = join(dir, 'mosquitto.conf')
  writeFileSync(config, mosquittoConfig(ports, certs, files, process.getuid?.() === 0, limits))
  return { config, log: files.log }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), stopGraceMs)
    child.once('exit', () => { clearTimeout(kill); resolve() })
    child.kill('SIGTERM')
  })
}

/** Outcome of one start: the broker, or why it failed and whether a port race (worth a retry) caused it. */
type Attempt = { broker: TestBroker } | { error: string; portRace: boolean }

async function attemptStart(tools: MosquittoTools, listeners: ListenerName[], certs: CertificateFiles, limits: BrokerLimits): Promise<Attempt> {
  const portList = await freePorts(listeners.length)
  const ports: Partial<Record<ListenerName, number>> = {}
  listeners.forEach((name, i) => { ports[name] = portList[i] })
  const dir = makeTempDir('mqtt-test-mosquitto-')
  let paths: { config: string; log: string }
  try {
    paths = await writeFiles(dir.path, tools, ports, certs, limits)
  } catch (error) {
    dir.remove()
    throw error
  }

  const child = spawn(tools.binary, ['-c', paths.config], { stdio: ['ignore', 'pipe', 'pipe'] })
  const watch = watchProcess(child)
  const cancelExitKill = onProcessExit(() => { child.kill('SIGKILL') })
  const stop = async (): Promise<void> => {
    await stopProcess(child)
    cancelExitKill()
    dir.remove()
  }

  if (!(await waitForPorts(portList, startTimeoutMs, watch.exited))) {
    const tail = logTail(paths.log, watch.output())
    await stop()
    const why = watch.exited() ? 'exited' : `did not open all its ports within ${startTimeoutMs / 1000} s`
    return { error: `Mosquitto (${tools.binary}) ${why}. Last log lines:\n${tail}`, portRace: /address already in use/i.test(tail) }
  }
  return { broker: { kind: 'mosquitto', ...brokerFacts, ports, files: clientFiles(certs), stop } }
}

/** Starts Mosquitto with the given listeners, each on a free 127.0.0.1 port; retries when a port was taken meanwhile. */
export async function startMosquitto(binary: string, listeners: ListenerName[], certs: CertificateFiles, limits: BrokerLimits = {}): Promise<TestBroker> {
  const tools = findTools(binary, listeners)
  for (let attempt = 1; ; attempt += 1) {
    const result = await attemptStart(tools, listeners, certs, limits)
    if ('broker' in result) return result.broker
    if (!result.portRace || attempt === 3) throw new Error(result.error)
  }
}
