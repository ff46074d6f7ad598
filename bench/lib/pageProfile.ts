import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'

/**
 * With BENCH_CPU_PROF=<dir> (as for the other bench children), records a CPU profile of the page's main thread
 * over the measured window; `stop` writes <dir>/ui-page.cpuprofile (open it in Chromium's DevTools).
 */
export async function startPageProfile(context: BrowserContext, page: Page): Promise<{ stop(): Promise<void> } | undefined> {
  const dir = process.env['BENCH_CPU_PROF']
  if (!dir) return undefined
  const session = await context.newCDPSession(page)
  await session.send('Profiler.enable')
  await session.send('Profiler.start')
  return {
    stop: async () => {
      const { profile } = await session.send('Profiler.stop')
      await writeFile(join(dir, 'ui-page.cpuprofile'), JSON.stringify(profile))
      await session.detach()
    }
  }
}
