import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultDataDir } from './options'
import { moveLegacyDataDir } from './legacyDataDir'

let xdg: string
let env: NodeJS.ProcessEnv
beforeEach(() => {
  xdg = mkdtempSync(join(tmpdir(), 'legacy-data-'))
  env = { XDG_DATA_HOME: xdg }
})
afterEach(() => rmSync(xdg, { recursive: true, force: true }))

describe('the data directory of the former name', () => {
  it('is moved once to the new default, with what it holds, and said so', async () => {
    const legacy = join(xdg, 'mqtt-explorer-server')
    mkdirSync(legacy)
    writeFileSync(join(legacy, 'profiles.json'), '{"kept":true}')
    const target = defaultDataDir(env)
    expect(target).toBe(join(xdg, 'brokerscope-server'))
    expect(await moveLegacyDataDir(target, env)).toBe(`Moved the data directory ${legacy} to ${target} (the app is now named Brokerscope); profiles, passwords and the token came along.`)
    expect(readFileSync(join(target, 'profiles.json'), 'utf8')).toBe('{"kept":true}')
    expect(existsSync(legacy)).toBe(false)
    expect(await moveLegacyDataDir(target, env)).toBeNull()
  })

  it('leaves a directory given with --data-dir alone, and keeps both when both exist', async () => {
    const legacy = join(xdg, 'mqtt-explorer-server')
    mkdirSync(legacy)
    expect(await moveLegacyDataDir(join(xdg, 'chosen'), env)).toBeNull()
    mkdirSync(defaultDataDir(env))
    expect(await moveLegacyDataDir(defaultDataDir(env), env)).toMatch(/^Both .* exist; .* is used and .* was left as it is\.$/)
    expect(existsSync(legacy)).toBe(true)
  })
})
