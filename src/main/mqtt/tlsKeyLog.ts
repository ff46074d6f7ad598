import { appendFileSync } from 'node:fs'
import type { MqttClient } from 'mqtt'
import { UserFacingError } from '../../shared/contract'

// TLS session keys in the SSLKEYLOGFILE format (NSS key log: one "LABEL client_random secret" line each), so
// Wireshark can decrypt a captured session. Node's TLS sockets emit the lines as 'keylog' events.

/** Makes sure the key log file can be written (created readable by the user only), or says why not. */
export function openKeyLog(path: string): void {
  try {
    appendFileSync(path, '', { mode: 0o600 })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error)
    throw new UserFacingError('file-unreadable', `The TLS key log file ${path} cannot be written (${code}). Pick a file in a folder you can write to, or clear the key log field.`)
  }
}

interface KeyLogSocket {
  on(event: 'keylog', listener: (line: Buffer) => void): unknown
}

function attach(stream: unknown, path: string): void {
  if (typeof (stream as { on?: unknown } | undefined)?.on !== 'function') return
  ;(stream as KeyLogSocket).on('keylog', (line) => {
    try {
      appendFileSync(path, line, { mode: 0o600 })
    } catch {
      // Checked writable when the connection opened; a disk that fills later loses key lines, not the connection.
    }
  })
}

/**
 * Writes the keys of every TLS session the client opens to `path`: the first one's socket exists as soon as the
 * client does, and each reconnect makes its socket synchronously right after emitting 'reconnect', before any
 * handshake byte is read, so a listener added on the next tick still hears every key.
 */
export function logTlsKeys(client: MqttClient, path: string): void {
  attach(client.stream, path)
  client.on('reconnect', () => process.nextTick(() => attach(client.stream, path)))
}
