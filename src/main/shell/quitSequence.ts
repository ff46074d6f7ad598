/** What the quit sequence needs of Electron's `app` (a type, so it runs under test without Electron). */
export interface QuittingApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown
  quit(): void
}

/** Runs `work`, but gives up waiting after `timeoutMs` (a rejection of `work` passes through). */
export async function withinTime(work: () => Promise<void>, timeoutMs: number): Promise<'done' | 'timed-out'> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timed-out'>((resolve) => (timer = setTimeout(() => resolve('timed-out'), timeoutMs)))
  try {
    return await Promise.race([work().then(() => 'done' as const), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Holds the first quit until `dispose` (every connection sends DISCONNECT, so brokers do not fire last wills)
 * finished or `timeoutMs` passed, then quits for real.
 */
export function installQuitSequence(app: QuittingApp, dispose: () => Promise<void>, timeoutMs = 3_000): void {
  let state: 'running' | 'closing' | 'closed' = 'running'
  app.on('before-quit', (event) => {
    if (state === 'closed') return
    event.preventDefault()
    if (state === 'closing') return
    state = 'closing'
    // Quitting must never hang on a dead broker, nor stop because closing one failed.
    void withinTime(dispose, timeoutMs).catch(() => 'failed').then(() => {
      state = 'closed'
      app.quit()
    })
  })
}
