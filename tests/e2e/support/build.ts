import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The repository root (tests/e2e/support is three levels down). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))

/** The built headless server; e2e tests run the build, never the sources. */
export const serverEntry = `${repoRoot}out/server/index.js`

/** Fails with a sentence when the build is missing (npm test and npm run test:e2e build first). */
export function assertBuilt(): void {
  for (const file of [serverEntry, `${repoRoot}out/renderer/index.html`]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" before the e2e tests (npm test and npm run test:e2e do).`)
  }
}
