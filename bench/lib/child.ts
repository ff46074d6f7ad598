import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const here = dirname(fileURLToPath(import.meta.url))

/** Starts a bench script (built next to this one) as a child process with its own heap. */
export function startChild(script: string, config: unknown): ChildProcess {
  // BENCH_CPU_PROF=<dir> writes a CPU profile of every child there (to see where the time goes).
  const profileDir = process.env['BENCH_CPU_PROF']
  const execArgv = ['--expose-gc', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])]
  return fork(join(here, `${script}.js`), [JSON.stringify(config)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
}

/** The next IPC message of `child` whose `type` is `type`; rejects when the child exits first or time runs out. */
export function nextMessage<T extends { type: string }>(child: ChildProcess, type: T['type'], timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`The bench child gave no "${type}" within ${timeoutMs / 1000} s.`)), timeoutMs)
    const onMessage = (message: unknown): void => {
      if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type) finish(undefined, message as T)
    }
    const onExit = (code: number | null): void => finish(new Error(`The bench child exited (code ${code}) before sending "${type}".`))
    const finish = (error: Error | undefined, value?: T): void => {
      clearTimeout(timer)
      child.off('message', onMessage)
      child.off('exit', onExit)
      if (error) reject(error)
      else resolve(value as T)
    }
    child.on('message', onMessage)
    child.on('exit', onExit)
  })
}

/** Waits a little for a child to exit on its own (so its CPU profile gets written), then kills it. */
export async function finishChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const timer = setTimeout(() => child.kill(), 10_000)
  await exited
  clearTimeout(timer)
}

/** Runs a child to completion and returns its "result" message. */
export async function runChild<T>(script: string, config: unknown, timeoutMs: number): Promise<T> {
  const child = startChild(script, config)
  try {
    return (await nextMessage<{ type: 'result'; result: T }>(child, 'result', timeoutMs)).result
  } finally {
    await finishChild(child)
  }
}

/** The JSON config a child was started with. */
export function childConfig<T>(): T {
  return JSON.parse(process.argv[2] ?? '{}') as T
}

/** Sends a message to the parent process. */
export function tellParent(message: { type: string } & Record<string, unknown>): void {
  process.send?.(message)
}

/** Sends the result and lets the process end (closing the IPC channel once the message is out). */
export function finishWith(result: unknown): void {
  if (!process.send) return
  process.send({ type: 'result', result }, () => process.disconnect())
}

/** RSS after two full garbage collections, in bytes (needs --expose-gc). */
export function rssAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  gc?.()
  return process.memoryUsage().rss
}
