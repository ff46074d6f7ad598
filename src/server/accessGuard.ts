import type { IncomingMessage } from 'node:http'
import { TOKEN_PROTOCOL_PREFIX, WIRE_PROTOCOL } from '../shared/wire/codec'
import type { AttemptLimiter } from './attemptLimiter'
import { tokenMatches } from './token'

/** What a request must satisfy to reach the contract. */
export interface AccessPolicy {
  token: string
  limiter: AttemptLimiter
  /** False for Host names the server must not answer to (DNS rebinding). */
  isAllowedHost(host: string): boolean
}

/** Either allowed, or the HTTP status and sentence to refuse with. */
export type AccessVerdict =
  | { ok: true }
  | { ok: false; status: 400 | 401 | 403 | 429; message: string; retryAfterSeconds?: number }

export function remoteAddress(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown'
}

/** The Host header when it is well formed and one this server answers to. */
export function allowedHost(request: IncomingMessage, policy: Pick<AccessPolicy, 'isAllowedHost'>): string | undefined {
  const host = request.headers.host
  return host && /^[A-Za-z0-9.:[\]-]+$/.test(host) && policy.isAllowedHost(host.toLowerCase()) ? host : undefined
}

function originMatchesHost(origin: string | undefined, host: string): boolean {
  if (!origin) return false
  try {
    const url = new URL(origin)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase()
  } catch {
    return false
  }
}

/** The subprotocols a WebSocket client offered, in order. */
export function offeredProtocols(request: IncomingMessage): string[] {
  const header = request.headers['sec-websocket-protocol']
  return header ? header.split(',').map((part) => part.trim()).filter(Boolean) : []
}

/** The token a WebSocket client offered as its `token.<value>` subprotocol. */
export function socketToken(request: IncomingMessage): string | undefined {
  const protocols = offeredProtocols(request)
  if (!protocols.includes(WIRE_PROTOCOL)) return undefined
  return protocols.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length)
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(request: IncomingMessage): string | undefined {
  const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')
  return match?.[1]
}

/**
 * Checks, in this order: the Host is ours; the Origin is the page this server served (a foreign page is refused
 * before its token is even looked at, so it learns nothing and cannot use up the limit); the token matches. Only a
 * wrong or missing token counts as a failed attempt, and only failures are throttled: behind a reverse proxy every
 * client shares one address, so blocking the address itself would lock out the user who has the right token. The
 * token's 192 random bits, not the limiter, are what stop guessing; the limiter only slows a noisy client down.
 */
export function checkAccess(policy: AccessPolicy, request: IncomingMessage, offeredToken: string | undefined): AccessVerdict {
  const host = allowedHost(request, policy)
  if (!host) return { ok: false, status: 400, message: 'This server does not answer to that host name.' }
  if (!originMatchesHost(request.headers.origin, host)) {
    return { ok: false, status: 403, message: 'Only pages served by this server may connect to it.' }
  }
  if (tokenMatches(policy.token, offeredToken)) return { ok: true }
  const address = remoteAddress(request)
  if (policy.limiter.isBlocked(address)) {
    const retryAfterSeconds = Math.ceil(policy.limiter.retryAfterMs(address) / 1000)
    return { ok: false, status: 429, message: `Too many attempts with a wrong token. Wait ${retryAfterSeconds} seconds, then open the address the server printed.`, retryAfterSeconds }
  }
  policy.limiter.recordFailure(address)
  return { ok: false, status: 401, message: 'The access token is missing or wrong. Open the address the server printed at start-up, which includes the token.' }
}
