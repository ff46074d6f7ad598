import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { assertBuilt, repoRoot, serverEntry } from './build'

/** A headless server started the way `npm run serve` starts it, on a free port with its own data directory. */
export interface RunningServer {
  /** The printed address, token included. */
  url: string
  origin: string
  token: string
  dataDir: string
  /** Everything the server printed so far, over every start (for failure messages). */
  output(): string
  /** Stops the process and starts it again on the same port with the same data directory. */
  restart(): Promise<void>
  /** Stops the process and deletes the data directory. */
  stop(): Promise<void>
}

const START_TIMEOUT_MS = 15_000

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()))
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const kill = setTimeout(() => child.kill('SIGKILL'), 5_000)
  child.kill('SIGTERM')
  await exited(child)
  clearTimeout(kill)
}

/** Spawns the built server and resolves with its printed address once it is listening. */
function launch(dataDir: string, port: number, env: Record<string, string>, args: readonly string[], log: (text: string) => void): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [serverEntry, '--port', String(port), '--data-dir', dataDir, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let printed = ''
  child.stderr.on('data', (chunk: Buffer) => log(chunk.toString()))
  return new Promise((resolve, reject) => {
    const fail = (error: Error): void => {
      void terminate(child)
      reject(error)
    }
    const timer = setTimeout(() => fail(new Error(`The server did not print its address within ${START_TIMEOUT_MS} ms.`)), START_TIMEOUT_MS)
    child.stdout.on('data', (chunk: Buffer) => {
      log(chunk.toString())
      printed += chunk.toString()
      const match = /^Open (http\S+)$/m.exec(printed)
      if (!match?.[1]) return
      clearTimeout(timer)
      resolve({ child, url: match[1] })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`The server exited with code ${code} before it was ready.`))
    })
  })
}

/** Starts `node out/server/index.js --port 0 --data-dir <temp> [args]` and resolves once it printed its address. */
export async function startServer(options: { env?: Record<string, string>; args?: readonly string[] } = {}): Promise<RunningServer> {
  assertBuilt()
  const dataDir = await mkdtemp(join(tmpdir(), 'e2e-server-'))
  const env = options.env ?? {}
  const args = options.args ?? []
  let output = ''
  const log = (text: string): void => void (output += text)
  let current: ChildProcess
  let url: string
  try {
    ;({ child: current, url } = await launch(dataDir, 0, env, args, log))
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true })
    throw new Error(`${(error as Error).message}\n${output}`)
  }
  const parsed = new URL(url)
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    output: () => output,
    restart: async () => {
      await terminate(current)
      current = (await launch(dataDir, Number(parsed.port), env, args, log)).child
    },
    stop: async () => {
      await terminate(current)
      await rm(dataDir, { recursive: true, force: true })
    }
  }
}
