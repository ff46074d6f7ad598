// The installers' configuration, checked here because packaging itself needs the Electron binary (see the
// release workflow, which builds and smoke-tests them where Electron can be downloaded).
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import { minimatch } from 'minimatch'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import config from '../../electron-builder'
import { APP_ID } from '../../src/main/shell/appIdentity'
import { icnsChunks, icoEntries, pngSize } from './imageHeaders'

const root = join(import.meta.dirname, '..', '..')
const read = (path: string): Buffer => readFileSync(join(root, path))

type Target = { target: string; arch: string[] }
const targets = (platform: { target?: unknown } | null | undefined): Target[] => (platform?.target ?? []) as Target[]

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? walk(path) : [relative(root, path)]
  })
}

/** Whether electron-builder's `files` patterns take a path: any positive pattern, and no negated one. */
function packaged(path: string): boolean {
  const patterns = config.files as string[]
  const positive = patterns.filter((p) => !p.startsWith('!'))
  const negative = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1))
  return positive.some((p) => minimatch(path, p, { dot: true })) && !negative.some((p) => minimatch(path, p, { dot: true }))
}

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema check", async () => {
    const require = createRequire(import.meta.url)
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, l: unknown): Promise<void> }
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('names the app Brokerscope under an id of its own', () => {
    expect(APP_ID).toMatch(/^[a-z]+(\.[a-z0-9-]+){2,}$/)
    expect(APP_ID).not.toMatch(/mqtt-?explorer/i)
    expect(config.appId).toBe(APP_ID)
    expect(config.productName).toBe('Brokerscope')
  })

  it('builds NSIS per user for x64 and arm64, dmg and zip for both Macs, AppImage and deb for x64 and arm64', () => {
    expect(targets(config.win)).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }])
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false })
    expect(targets(config.mac)).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }, { target: 'zip', arch: ['arm64', 'x64'] }])
    expect(config.mac).toMatchObject({ hardenedRuntime: true })
    expect(targets(config.linux)).toEqual([{ target: 'AppImage', arch: ['x64', 'arm64'] }, { target: 'deb', arch: ['x64', 'arm64'] }])
  })

  it('gives the hardened macOS runtime the entitlements V8 and broker connections need', () => {
    const entitlements = read(config.mac?.entitlements as string).toString('utf8')
    for (const key of ['com.apple.security.cs.allow-jit', 'com.apple.security.network.client']) expect(entitlements).toContain(`<key>${key}</key>`)
  })

  it('sets the fuses: no ELECTRON_RUN_AS_NODE, no --inspect, ASAR integrity, app only from the ASAR', () => {
    expect(config.asar).toBe(true)
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true
    })
  })

  it('has every icon at its size: the Linux PNG set, the Windows .ico and the macOS .icns', () => {
    const sizes = readdirSync(join(root, 'resources/icons')).map((name) => {
      const { width, height } = pngSize(read(`resources/icons/${name}`))
      expect(name).toBe(`${width}x${height}.png`)
      return width
    })
    expect(sizes.sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 128, 256, 512, 1024])
    const ico = icoEntries(read(config.win?.icon as string))
    expect(ico.map((e) => e.declared)).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]))
    expect(ico.find((e) => e.declared === 256)?.png).toEqual({ width: 256, height: 256 })
    const icns = icnsChunks(read(config.mac?.icon as string))
    const png = Object.fromEntries(icns.filter((c) => c.png).map((c) => [c.type, c.png?.width]))
    expect(png).toMatchObject({ ic07: 128, ic08: 256, ic09: 512, ic10: 1024 })
  })

  it('packages the built app and package.json, never sources, tests or source maps', () => {
    const built = ['out/main', 'out/preload', 'out/renderer'].flatMap((dir) => walk(join(root, dir)))
    expect(built.length).toBeGreaterThan(3)
    for (const path of built) expect(packaged(path), path).toBe(!path.endsWith('.map'))
    expect(packaged('package.json')).toBe(true)
    const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean)
    expect(tracked.filter((path) => path !== 'package.json' && packaged(path))).toEqual([])
    expect(packaged('out/server/index.js')).toBe(false)
  })

  it('keeps in dependencies exactly what the built main and preload load at run time', () => {
    const bundles = ['out/main/index.js', 'out/preload/index.cjs'].map((path) => read(path).toString('utf8'))
    const loaded = new Set<string>()
    for (const code of bundles) {
      // Statements only (ESM import lines of main, require() calls of the preload), not words in sentences.
      for (const [, name] of code.matchAll(/^(?:import\s[^;\n]*?from\s*|import\s*|.*?\brequire\()["']([^"'./][^"']*)["']/gm)) {
        if (!name || name.startsWith('node:') || name === 'electron') continue
        loaded.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : (name.split('/')[0] as string))
      }
    }
    const pkg = JSON.parse(read('package.json').toString('utf8')) as { dependencies: Record<string, string> }
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...loaded].sort())
  })
})

describe('release workflow', () => {
  const workflow = parse(read('.github/workflows/release.yml').toString('utf8')) as {
    jobs: { package: { strategy: { matrix: { include: Array<{ os: string; dist: string; arch: string; smoke: string }> } }; steps: Array<{ run?: string }> } }
  }
  const matrix = workflow.jobs.package.strategy.matrix.include

  it('packages for Windows, both Macs and Linux on x64 and arm64', () => {
    expect(matrix.map((m) => `${m.dist}/${m.arch}`).sort()).toEqual(['dist:linux/arm64', 'dist:linux/x64', 'dist:mac/arm64', 'dist:mac/x64', 'dist:win/arm64', 'dist:win/x64'])
    const pkg = JSON.parse(read('package.json').toString('utf8')) as { scripts: Record<string, string> }
    for (const { dist } of matrix) expect(pkg.scripts[dist]).toMatch(/electron-builder/)
  })

  it('smoke-tests every packaged app', () => {
    expect(workflow.jobs.package.steps.some((step) => step.run?.includes('--smoke-test'))).toBe(true)
    for (const { smoke } of matrix) expect(smoke).toMatch(/^dist\//)
  })

  it('is not part of the CI script', () => {
    expect(read('.ci/run').toString('utf8')).not.toMatch(/electron-builder|release\.yml|dist:/)
  })
})
