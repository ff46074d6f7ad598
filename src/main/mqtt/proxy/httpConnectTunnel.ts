import { request } from 'node:http'
import type { Socket } from 'node:net'
import { UserFacingError } from '../../../shared/contract'
import { notAProxyError, proxyAuthError, proxyRefusedError, proxyTimeoutError, proxyUnreachableError, unreachableCode, type TunnelTarget } from './proxyErrors'

// HTTP CONNECT is one request and one status line, so node's own http client does it (its 'connect' event
// hands over the raw socket); a library would add a dependency for a dozen lines.

function authorization(username: string | undefined, password: string | undefined): Record<string, string> {
  if (username === undefined) return {}
  return { 'Proxy-Authorization': `Basic ${Buffer.from(`${username}:${password ?? ''}`, 'utf8').toString('base64')}` }
}

function bracketed(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}

/** Opens a TCP tunnel to target.host:port through an HTTP proxy's CONNECT method; rejects with a proxy sentence. */
export function openHttpTunnel(target: TunnelTarget & { proxy: { password?: string } }, timeoutMs: number): Promise<Socket> {
  const authority = `${bracketed(target.host)}:${target.port}`
  return new Promise((resolve, reject) => {
    const req = request({
      host: target.proxy.host,
      port: target.proxy.port,
      method: 'CONNECT',
      path: authority,
      headers: { Host: authority, ...authorization(target.proxy.username, target.proxy.password) },
      timeout: timeoutMs
    })
    req.once('connect', (response, socket, head) => {
      const status = response.statusCode ?? 0
      if (status < 200 || status > 299) {
        socket.destroy()
        reject(statusError(target, status, response.statusMessage))
        return
      }
      req.removeAllListeners('timeout')
      socket.setTimeout(0)
      // Bytes the broker sent right behind the proxy's answer belong to the stream.
      if (head.length > 0) socket.unshift(head)
      resolve(socket)
    })
    // A proxy that answers with a body and no tunnel (some do for errors) ends up here.
    req.once('response', (response) => {
      response.resume()
      reject(statusError(target, response.statusCode ?? 0, response.statusMessage))
    })
    req.once('timeout', () => req.destroy(proxyTimeoutError(target)))
    req.once('error', (error: Error & { code?: string }) => {
      if (error instanceof UserFacingError) return reject(error)
      const code = unreachableCode(error.code ?? error.message)
      reject(code === undefined ? notAProxyError(target, error.message) : proxyUnreachableError(target, code))
    })
    req.end()
  })
}

function statusError(target: TunnelTarget, status: number, text: string | undefined): Error {
  const detail = `HTTP ${status}${text ? ` ${text}` : ''}`
  if (status === 407) return proxyAuthError(target, detail)
  if (status === 0) return notAProxyError(target, 'no HTTP status')
  return proxyRefusedError(target, detail)
}
