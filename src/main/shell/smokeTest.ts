import { withinTime } from './quitSequence'

/** The command-line switch that makes a packaged app check itself and exit (used by the release workflow). */
export const SMOKE_TEST_SWITCH = '--smoke-test'

/** What the smoke test needs of the window and the process. */
export interface SmokeTestHost {
  /** Runs code in the page's main world, where the preload put `window.main`. */
  evaluate(code: string): Promise<unknown>
  write(line: string): void
  exit(code: number): void
}

// Goes through the real preload and IPC: the same path every request of the app takes.
const PROBE = 'window.main.api.app.capabilities({})'

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Asks the loaded page for app:capabilities over IPC; prints the reply and exits 0, or prints why not and
 * exits 1 (also when the page does not answer within `timeoutMs`).
 */
export async function runSmokeTest(host: SmokeTestHost, timeoutMs = 30_000): Promise<void> {
  let reply: unknown
  try {
    const outcome = await withinTime(async () => {
      reply = await host.evaluate(PROBE)
    }, timeoutMs)
    if (outcome === 'timed-out') throw new Error(`the page did not answer app:capabilities within ${timeoutMs / 1000} s`)
    if (reply === undefined) throw new Error('the page has no bridge (window.main): the preload did not run')
  } catch (error) {
    host.write(`Smoke test failed: ${reason(error)}`)
    host.exit(1)
    return
  }
  const result = reply as { ok?: boolean; value?: unknown; error?: { message?: string } }
  if (result.ok !== true) {
    host.write(`Smoke test failed: app:capabilities answered ${JSON.stringify(result.error?.message ?? reply)}`)
    host.exit(1)
    return
  }
  host.write(`Smoke test passed: app:capabilities ${JSON.stringify(result.value)}`)
  host.exit(0)
}
