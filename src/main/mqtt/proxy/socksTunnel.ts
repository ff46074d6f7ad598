import type { Socket } from 'node:net'
import { SocksClient } from 'socks'
import { notAProxyError, proxyAuthError, proxyRefusedError, proxyTimeoutError, proxyUnreachableError, unreachableCode, type TunnelTarget } from './proxyErrors'

/** Opens a TCP tunnel to target.host:port through a SOCKS5 proxy (user name/password auth when given); rejects with a proxy sentence. */
export async function openSocksTunnel(target: TunnelTarget & { proxy: { password?: string } }, timeoutMs: number): Promise<Socket> {
  const { proxy } = target
  try {
    const { socket } = await SocksClient.createConnection({
      command: 'connect',
      // The proxy resolves the broker's name: behind a proxy this computer often cannot.
      destination: { host: target.host, port: target.port },
      proxy: {
        host: proxy.host,
        port: proxy.port,
        type: 5,
        ...(proxy.username === undefined ? {} : { userId: proxy.username, password: proxy.password ?? '' })
      },
      timeout: timeoutMs
    })
    return socket
  } catch (error) {
    throw socksError(target, error instanceof Error ? error.message : String(error))
  }
}

/** The `socks` library reports everything as a message; these are its words (its ERRORS table). */
function socksError(target: TunnelTarget, message: string): Error {
  if (message.startsWith('Socks5 Authentication failed')) return proxyAuthError(target, 'SOCKS5 authentication failed')
  if (message.includes('no accepted authentication type')) return proxyAuthError(target, 'no authentication method in common')
  if (message.startsWith('Socks5 proxy rejected connection')) return proxyRefusedError(target, `SOCKS5 reply ${message.split(' - ')[1] ?? 'failure'}`)
  if (message === 'Proxy connection timed out') return proxyTimeoutError(target)
  const code = unreachableCode(message)
  if (code !== undefined) return proxyUnreachableError(target, code)
  return notAProxyError(target, message)
}
