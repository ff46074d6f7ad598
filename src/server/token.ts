import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Name of the environment variable that sets the access token. */
export const TOKEN_ENV = 'BROKERSCOPE_TOKEN'
/** The variable's name before the app was named Brokerscope, still read so existing gateway setups keep their token. */
export const LEGACY_TOKEN_ENV = 'MQTT_EXPLORER_TOKEN'

const TOKEN_FILE = 'server-token'
// URL-unreserved characters only: the token travels in `?token=` and in a WebSocket subprotocol.
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{16,256}$/

/** Where the token came from, so the start-up message can say it. */
export interface AccessToken {
  value: string
  source: 'environment' | 'generated' | 'file'
}

/** Thrown when the configured token cannot be used; the message says what to change. */
export class TokenError extends Error {}

export function isWellFormedToken(value: string): boolean {
  return TOKEN_PATTERN.test(value)
}

/** The token from the environment, else the one stored in the data directory, else a new one saved there (mode 0600). */
export async function loadAccessToken(dataDir: string, env: NodeJS.ProcessEnv): Promise<AccessToken> {
  const fromEnv = env[TOKEN_ENV] ?? env[LEGACY_TOKEN_ENV]
  if (fromEnv !== undefined) {
    if (!isWellFormedToken(fromEnv)) {
      throw new TokenError(`${TOKEN_ENV} must be 16 to 256 characters of letters, digits, ".", "_", "~" or "-".`)
    }
    return { value: fromEnv, source: 'environment' }
  }
  const file = join(dataDir, TOKEN_FILE)
  const stored = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined
      throw new TokenError(`The token file ${file} could not be read (${error.code ?? error.message}). Check its permissions or delete it to get a new token.`)
    }
  )
  if (stored !== undefined && isWellFormedToken(stored)) {
    await chmod(file, 0o600)
    return { value: stored, source: 'file' }
  }
  const value = randomBytes(24).toString('base64url')
  await writeFile(file, `${value}\n`, { mode: 0o600 })
  await chmod(file, 0o600)
  return { value, source: 'generated' }
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest()

/** Compares in constant time (hashing first makes the lengths equal, so the length does not leak either). */
export function tokenMatches(expected: string, offered: string | undefined): boolean {
  return offered !== undefined && timingSafeEqual(digest(expected), digest(offered))
}
