import { UserFacingError } from '../../../shared/contract'
import type { ProxyOptions } from '../../../shared/contract'

/** What a proxy sentence names: the proxy, and the broker it was asked to reach. */
export interface TunnelTarget {
  proxy: Pick<ProxyOptions, 'kind' | 'host' | 'port' | 'username'>
  host: string
  port: number
}

const KIND_WORDS: Record<ProxyOptions['kind'], string> = { http: 'HTTP', socks5: 'SOCKS5' }

function proxyWords(target: TunnelTarget): string {
  return `The ${KIND_WORDS[target.proxy.kind]} proxy at ${target.proxy.host}:${target.proxy.port}`
}

function brokerWords(target: TunnelTarget): string {
  return `the broker at ${target.host}:${target.port}`
}

/** The proxy itself could not be reached: the broker was never asked. */
export function proxyUnreachableError(target: TunnelTarget, detail: string): UserFacingError {
  return new UserFacingError(
    'proxy-unreachable',
    `${proxyWords(target)} cannot be reached (${detail}). Check the proxy host and port in the profile, and that the proxy is running.`
  )
}

/** The proxy refused the credentials (HTTP 407, SOCKS5 authentication failure), or asked for some and none were given. */
export function proxyAuthError(target: TunnelTarget, detail: string): UserFacingError {
  const fix = target.proxy.username === undefined
    ? 'it asks for a user name and password. Enter the proxy user name and password in the profile.'
    : 'it refused the proxy user name or password. Check both in the profile.'
  return new UserFacingError('proxy-auth-failed', `${proxyWords(target)} did not let this app through (${detail}): ${fix}`)
}

/** The proxy answered but would not open the tunnel to the broker (not allowed, or the broker unreachable from there). */
export function proxyRefusedError(target: TunnelTarget, detail: string): UserFacingError {
  return new UserFacingError(
    'proxy-refused',
    `${proxyWords(target)} refused to open a connection to ${brokerWords(target)} (${detail}). Check the broker host and port, that the broker is running, and that the proxy allows connections to it.`
  )
}

/** The proxy did not open the tunnel within its share of the connect timeout. */
export function proxyTimeoutError(target: TunnelTarget): UserFacingError {
  return new UserFacingError(
    'proxy-unreachable',
    `${proxyWords(target)} did not open the connection to ${brokerWords(target)} within the connect timeout. Check the proxy host, port and kind, or raise the connect timeout.`
  )
}

/** Something answered on the proxy's port, but not as the chosen kind of proxy. */
export function notAProxyError(target: TunnelTarget, detail: string): UserFacingError {
  return new UserFacingError(
    'proxy-refused',
    `The server at ${target.proxy.host}:${target.proxy.port} did not answer as a ${KIND_WORDS[target.proxy.kind]} proxy (${detail}). Check the proxy kind and port in the profile.`
  )
}

/** A socket error code that says the proxy host was not reached, else undefined. */
export function unreachableCode(detail: string): string | undefined {
  return /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b/.exec(detail)?.[1]
}
