import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// Kept on globalThis so test files re-importing this module in the same process share one set of hooks.
const registry = Symbol.for('brokerscope.tests.exitTasks')
type Global = typeof globalThis & { [registry]?: Set<() => void> }

function runExitTasks(tasks: Set<() => void>): void {
  for (const task of tasks) {
    try { task() } catch { /* best effort: the process is going away */ }
  }
  tasks.clear()
}

function exitTasks(): Set<() => void> {
  const global = globalThis as Global
  const existing = global[registry]
  if (existing) return existing
  const tasks = new Set<() => void>()
  global[registry] = tasks
  process.once('exit', () => runExitTasks(tasks))
  // A signal skips 'exit': clean up, then die of the same signal so the parent sees the usual status.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      runExitTasks(tasks)
      process.kill(process.pid, signal)
    })
  }
  // A forked test worker whose runner died keeps running; do not let its brokers outlive the run.
  if (process.send) process.once('disconnect', () => runExitTasks(tasks))
  return tasks
}

/** Runs `task` (synchronous) if the process exits or is interrupted first; call the returned function to cancel. */
export function onProcessExit(task: () => void): () => void {
  const tasks = exitTasks()
  tasks.add(task)
  return () => { tasks.delete(task) }
}

/** Creates a fresh private temp dir that is removed when `remove` is called or, at the latest, when the process exits. */
export function makeTempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix))
  const removeNow = (): void => rmSync(path, { recursive: true, force: true })
  const cancel = onProcessExit(removeNow)
  return { path, remove: () => { cancel(); removeNow() } }
}
