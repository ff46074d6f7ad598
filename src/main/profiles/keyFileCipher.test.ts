import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createKeyFileCipher } from './keyFileCipher'
import { tempDataDir } from './testSupport'

let data: ReturnType<typeof tempDataDir>
beforeEach(() => (data = tempDataDir()))
afterEach(() => data.cleanup())
const keyPath = () => join(data.dir, 'secret.key')
const posix = process.platform !== 'win32'

describe('key-file cipher', () => {
  it.runIf(posix)('creates a random 32-byte key readable by the owner only', () => {
    createKeyFileCipher(data.dir)
    const stat = statSync(keyPath())
    expect(stat.mode & 0o777).toBe(0o600)
    expect(readFileSync(keyPath())).toHaveLength(32)
    const other = tempDataDir()
    try {
      createKeyFileCipher(other.dir)
      expect(readFileSync(join(other.dir, 'secret.key')).equals(readFileSync(keyPath()))).toBe(false)
    } finally {
      other.cleanup()
    }
  })

  it('seals with a fresh nonce each time and opens with the same key file after a restart', () => {
    const sealed = createKeyFileCipher(data.dir).seal('hunter2')
    expect(sealed).not.toContain('hunter2')
    expect(createKeyFileCipher(data.dir).seal('hunter2')).not.toBe(sealed)
    expect(createKeyFileCipher(data.dir).open(sealed)).toBe('hunter2')
  })

  it('detects altered sealed text', () => {
    const cipher = createKeyFileCipher(data.dir)
    const sealed = cipher.seal('hunter2')
    const bytes = Buffer.from(sealed.slice(4), 'base64')
    bytes[bytes.length - 1]! ^= 1
    expect(() => cipher.open(`kf1:${bytes.toString('base64')}`)).toThrow()
  })

  it.runIf(posix)('refuses a key file that other users can read, saying how to fix it', () => {
    createKeyFileCipher(data.dir)
    chmodSync(keyPath(), 0o644)
    expect(() => createKeyFileCipher(data.dir)).toThrow(
      `The key file ${keyPath()} can be read by other users (mode 644), so saved passwords would not be private. Run "chmod 600 ${keyPath()}" and start again.`
    )
  })

  it('refuses a damaged key file', () => {
    writeFileSync(keyPath(), 'short', { mode: 0o600 })
    expect(() => createKeyFileCipher(data.dir)).toThrow(/is damaged \(it should hold 32 bytes\)/)
  })
})
