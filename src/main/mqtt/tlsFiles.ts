import { readFile } from 'node:fs/promises'
import { createPrivateKey, X509Certificate } from 'node:crypto'
import { createSecureContext } from 'node:tls'
import { UserFacingError, type TlsOptions } from '../../shared/contract'

/** The TLS material read from the files the user chose, ready for tls.connect. */
export interface TlsMaterial {
  ca?: Buffer[]
  cert?: Buffer
  key?: Buffer
  passphrase?: string
}

function unreadable(what: string, path: string, reason: string): UserFacingError {
  return new UserFacingError('file-unreadable', `The ${what} "${path}" ${reason}`)
}

function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'does not exist. Choose the file again.'
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied. Check the file permissions.'
  if (code === 'EISDIR') return 'is a folder, not a file. Choose the file itself.'
  return `cannot be read (${(error as Error).message}). Choose the file again.`
}

async function readChosenFile(what: string, path: string): Promise<Buffer> {
  try {
    return await readFile(path)
  } catch (error) {
    throw unreadable(what, path, readProblem(error))
  }
}

async function readCertificate(what: string, path: string): Promise<Buffer> {
  const bytes = await readChosenFile(what, path)
  try {
    // Parses PEM (the first certificate of a bundle) or DER; garbage throws here instead of being ignored by TLS.
    new X509Certificate(bytes)
  } catch {
    throw unreadable(what, path, 'is not a certificate in PEM or DER format. Choose the certificate file (.pem, .crt or .der).')
  }
  return bytes
}

/** An encrypted PEM key; a wrong passphrase may decrypt it to garbage (OpenSSL then reports a parse error, not a bad decrypt). */
function isEncryptedPem(bytes: Buffer): boolean {
  const text = bytes.toString('latin1')
  return text.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----') || text.includes('Proc-Type: 4,ENCRYPTED')
}

async function readKey(path: string, passphrase: string | undefined): Promise<Buffer> {
  const bytes = await readChosenFile('client key file', path)
  try {
    createPrivateKey({ key: bytes, passphrase: passphrase || undefined })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const encrypted = isEncryptedPem(bytes) || code === 'ERR_MISSING_PASSPHRASE' || code === 'ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED'
    if (!passphrase && encrypted) {
      throw unreadable('client key file', path, 'is encrypted. Enter its passphrase in the "Key passphrase" field.')
    }
    if (passphrase && (encrypted || code === 'ERR_OSSL_BAD_DECRYPT')) {
      throw unreadable('client key file', path, 'could not be decrypted with this passphrase. Check the key passphrase.')
    }
    throw unreadable('client key file', path, 'is not a private key in PEM or DER format. Choose the key file (.key or .pem).')
  }
  return bytes
}

/** Reads and checks the CA, certificate and key files; every failure names the file. */
export async function readTlsMaterial(tls: TlsOptions): Promise<TlsMaterial> {
  if (Boolean(tls.certFile) !== Boolean(tls.keyFile)) {
    throw new UserFacingError('invalid-argument', 'A client certificate needs its private key, and a key needs its certificate: choose both files, or neither.')
  }
  const material: TlsMaterial = {}
  if (tls.caFiles.length > 0) material.ca = await Promise.all(tls.caFiles.map((path) => readCertificate('CA file', path)))
  if (tls.certFile && tls.keyFile) {
    material.cert = await readCertificate('client certificate file', tls.certFile)
    material.key = await readKey(tls.keyFile, tls.keyPassphrase)
    if (tls.keyPassphrase) material.passphrase = tls.keyPassphrase
    try {
      createSecureContext({ cert: material.cert, key: material.key, passphrase: material.passphrase })
    } catch {
      throw new UserFacingError(
        'file-unreadable',
        `The client certificate "${tls.certFile}" and the key "${tls.keyFile}" do not belong together. Choose the key that matches the certificate.`
      )
    }
  }
  return material
}
