import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// The nearest folder above this file with a package.json: right from the sources and from a bundle in out/.
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}.`)
  }
}

/** The repository root. */
export const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)))

/** The built headless server; e2e tests run the build, never the sources. */
export const serverEntry = join(repoRoot, 'out', 'server', 'index.js')

/** Fails with a sentence when the build is missing (npm test and npm run test:e2e build first). */
export function assertBuilt(): void {
  for (const file of [serverEntry, join(repoRoot, 'out', 'renderer', 'index.html')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" before the e2e tests (npm test and npm run test:e2e do).`)
  }
}
