import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LEGACY_TOKEN_ENV, loadAccessToken, TOKEN_ENV, TokenError, tokenMatches } from './token'

describe('loadAccessToken', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'token-test-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('generates a token at first start, stores it readable by the owner only, and reuses it', async () => {
    const first = await loadAccessToken(dir, {})
    expect(first.source).toBe('generated')
    expect(first.value).toMatch(/^[A-Za-z0-9_-]{32}$/)
    const file = join(dir, 'server-token')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect((await readFile(file, 'utf8')).trim()).toBe(first.value)
    expect(await loadAccessToken(dir, {})).toEqual({ value: first.value, source: 'file' })
  })

  it('tightens the mode of an existing token file', async () => {
    await writeFile(join(dir, 'server-token'), 'abcdefghijklmnopqrstuvwxyz\n', { mode: 0o644 })
    expect((await loadAccessToken(dir, {})).value).toBe('abcdefghijklmnopqrstuvwxyz')
    expect((await stat(join(dir, 'server-token'))).mode & 0o777).toBe(0o600)
  })

  it('takes the token from the environment, and refuses a weak one', async () => {
    expect(await loadAccessToken(dir, { [TOKEN_ENV]: 'my-long-enough-token' })).toEqual({ value: 'my-long-enough-token', source: 'environment' })
    expect(TOKEN_ENV).toBe('BROKERSCOPE_TOKEN')
    expect(await loadAccessToken(dir, { [LEGACY_TOKEN_ENV]: 'set-before-the-rename' })).toEqual({ value: 'set-before-the-rename', source: 'environment' })
    await expect(loadAccessToken(dir, { [TOKEN_ENV]: 'short' })).rejects.toThrow(TokenError)
    await expect(loadAccessToken(dir, { [TOKEN_ENV]: 'has spaces in it, sixteen+' })).rejects.toThrow(TOKEN_ENV)
  })
})

describe('tokenMatches', () => {
  it('matches only the exact token', () => {
    expect(tokenMatches('abcdefghijklmnop', 'abcdefghijklmnop')).toBe(true)
    expect(tokenMatches('abcdefghijklmnop', 'abcdefghijklmnoq')).toBe(false)
    expect(tokenMatches('abcdefghijklmnop', 'abcdefghijklmno')).toBe(false)
    expect(tokenMatches('abcdefghijklmnop', undefined)).toBe(false)
  })
})
