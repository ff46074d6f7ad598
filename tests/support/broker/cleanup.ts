import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const exitTasks = new Set<() => void>()
let hooked = false

function runExitTasks(): void {
  for (const task of exitTasks) {
    try { task() } catch { /* best effort: the process is going away */ }
  }
  exitTasks.clear()
}

function hookProcess(): void {
  if (hooked) return
  hooked = true
  process.once('exit', runExitTasks)
  // A signal skips 'exit'; clean up, then die of the same signal so the parent sees the usual status.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      runExitTasks()
      process.kill(process.pid, signal)
    })
  }
}

/** Runs `task` (synchronous) if the process exits or is interrupted first; call the returned function to cancel. */
export function onProcessExit(task: () => void): () => void {
  hookProcess()
  exitTasks.add(task)
  return () => { exitTasks.delete(task) }
}

/** Creates a fresh private temp dir that is removed when `remove` is called or, at the latest, when the process exits. */
export function makeTempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix))
  const removeNow = (): void => rmSync(path, { recursive: true, force: true })
  const cancel = onProcessExit(removeNow)
  return { path, remove: () => { cancel(); removeNow() } }
}
