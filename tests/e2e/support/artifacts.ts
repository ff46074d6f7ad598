import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { repoRoot } from './build'

/** Screenshots of e2e runs (ignored by git). */
export const artifactsDir = join(repoRoot, 'artifacts', 'e2e')

/** Saves a full-page screenshot as artifacts/e2e/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true })
  const path = join(artifactsDir, `${name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '')}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}
