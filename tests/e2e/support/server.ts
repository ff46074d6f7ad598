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
  /** Everything the server printed so far (for failure messages). */
  output(): string
  stop(): Promise<void>
}

const START_TIMEOUT_MS = 15_000

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()))
}

/** Starts `node out/server/index.js --port 0 --data-dir <temp>` and resolves once it printed its address. */
export async function startServer(options: { env?: Record<string, string> } = {}): Promise<RunningServer> {
  assertBuilt()
  const dataDir = await mkdtemp(join(tmpdir(), 'e2e-server-'))
  const child = spawn(process.execPath, [serverEntry, '--port', '0', '--data-dir', dataDir], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000)
      child.kill('SIGTERM')
      await exited(child)
      clearTimeout(kill)
    }
    await rm(dataDir, { recursive: true, force: true })
  }

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The server did not print its address within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS)
      const look = (): void => {
        const match = /^Open (http\S+)$/m.exec(output)
        if (!match?.[1]) return
        clearTimeout(timer)
        resolve(match[1])
      }
      child.stdout.on('data', look)
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`The server exited with code ${code} before it was ready:\n${output}`))
      })
    })
    const parsed = new URL(url)
    return { url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '', dataDir, output: () => output, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
