import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { UserFacingError } from '../../shared/contract'
import type { SecretCipher } from './secretCipher'

const KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16
const PREFIX = 'kf1:'

function createKeyFile(path: string): void {
  // 'wx' fails if the file appeared meanwhile; the mode applies at creation, before any byte is written.
  const fd = openSync(path, 'wx', 0o600)
  try {
    writeSync(fd, randomBytes(KEY_BYTES))
  } finally {
    closeSync(fd)
  }
}

function checkedKey(path: string): Buffer {
  const fd = openSync(path, 'r')
  try {
    const stat = fstatSync(fd)
    if (process.platform !== 'win32') {
      if ((stat.mode & 0o077) !== 0) {
        const mode = (stat.mode & 0o777).toString(8)
        throw new UserFacingError(
          'storage',
          `The key file ${path} can be read by other users (mode ${mode}), so saved passwords would not be private. Run "chmod 600 ${path}" and start again.`
        )
      }
      if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) {
        throw new UserFacingError('storage', `The key file ${path} belongs to another user. Start the app as its owner, or move the file away to create a new key (saved passwords will then need to be entered again).`)
      }
    }
    const key = readFileSync(fd)
    if (key.length !== KEY_BYTES) {
      throw new UserFacingError('storage', `The key file ${path} is damaged (it should hold ${KEY_BYTES} bytes). Move it away to create a new key; saved passwords will then need to be entered again.`)
    }
    return key
  } finally {
    closeSync(fd)
  }
}

/**
 * Headless mode has no OS keychain: secrets are sealed with AES-256-GCM under a random key kept in
 * `<dataDir>/secret.key`, readable only by the user. A key file others can read is refused.
 */
export function createKeyFileCipher(dataDir: string): SecretCipher {
  const path = join(dataDir, 'secret.key')
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  try {
    createKeyFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const key = checkedKey(path)
  return {
    keyDescription: `the key file ${path}`,
    seal(secret) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not sealed with a key file')
      const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64')
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES))
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    }
  }
}
