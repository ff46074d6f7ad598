import { execFileSync } from 'node:child_process'
import { createPrivateKey, generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { TlsOptions } from '../../shared/contract'
import { readTlsMaterial } from './tlsFiles'

const dir = mkdtempSync(join(tmpdir(), 'tls-files-'))
const passphrase = 'right-passphrase'
const { privateKey } = generateKeyPairSync('ec', {
  namedCurve: 'P-256',
  privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase },
  publicKeyEncoding: { type: 'spki', format: 'pem' }
})
const keyFile = join(dir, 'client.key')
const certFile = join(dir, 'client.crt')
writeFileSync(keyFile, privateKey)
execFileSync('openssl', ['req', '-x509', '-new', '-key', keyFile, '-passin', `pass:${passphrase}`, '-subj', '/CN=test',
  '-days', '1', '-out', certFile], { stdio: 'ignore' })

afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A wrong passphrase whose decryption happens to end in valid padding: OpenSSL then fails parsing, not decrypting. */
function passphraseThatDecryptsToGarbage(): string {
  for (let attempt = 0; attempt < 20_000; attempt++) {
    const candidate = `wrong-${attempt}`
    try {
      createPrivateKey({ key: privateKey, passphrase: candidate })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_OSSL_BAD_DECRYPT') return candidate
    }
  }
  throw new Error('no such passphrase found')
}

describe('reading an encrypted client key', () => {
  const tls = (keyPassphrase?: string): TlsOptions => ({
    caFiles: [], rejectUnauthorized: true, alpnProtocols: [], certFile, keyFile, ...(keyPassphrase && { keyPassphrase })
  })

  it('accepts the right passphrase', async () => {
    expect((await readTlsMaterial(tls(passphrase))).passphrase).toBe(passphrase)
  })

  it('says the passphrase is wrong even when the wrong one decrypts to garbage', async () => {
    await expect(readTlsMaterial(tls(passphraseThatDecryptsToGarbage()))).rejects.toMatchObject({
      code: 'file-unreadable',
      message: `The client key file "${keyFile}" could not be decrypted with this passphrase. Check the key passphrase.`
    })
  })

  it('asks for the passphrase when none is given', async () => {
    await expect(readTlsMaterial(tls())).rejects.toMatchObject({
      message: `The client key file "${keyFile}" is encrypted. Enter its passphrase in the "Key passphrase" field.`
    })
  })
})
