import { UserFacingError, type AppError, type ProtocolVersion } from '../../shared/contract'
import { describeReasonCode, describeV3ConnackCode, hexCode } from './reasonCodes'

/** What a connection attempt was aiming at, so sentences can name it. */
export interface ConnectTarget {
  protocol: string
  host: string
  port: number
  servername?: string
  connectTimeoutMs: number
  protocolVersion: ProtocolVersion
  clientId: string
}

const VERSION_NAMES: Record<ProtocolVersion, string> = { 3: 'MQTT 3.1', 4: 'MQTT 3.1.1', 5: 'MQTT 5.0' }

interface ErrorLike {
  code?: unknown
  message?: unknown
  cert?: { subjectaltname?: string; subject?: { CN?: string | string[] } }
  reason?: unknown
}

function address(target: ConnectTarget): string {
  return `${target.host}:${target.port}`
}

/** The names a server certificate is valid for, from its subjectAltName, else its common name. */
export function certificateNames(error: ErrorLike): string[] {
  const altNames = error.cert?.subjectaltname ?? String(error.reason ?? error.message ?? '').split('altnames: ').slice(1).at(-1) ?? ''
  const names = altNames
    .split(',')
    .map((entry) => entry.trim().replace(/^(DNS|IP Address):/, ''))
    .filter((name) => name.length > 0)
  if (names.length > 0) return names
  const cn = error.cert?.subject?.CN
  return cn ? (Array.isArray(cn) ? cn : [cn]) : []
}

function hostnameMismatch(error: ErrorLike, target: ConnectTarget): UserFacingError {
  const names = certificateNames(error)
  const dialed = target.servername ?? target.host
  const validFor = names.length > 0 ? `valid for ${names.join(', ')}` : 'not valid for any name this app can read'
  return new UserFacingError(
    'tls-hostname-mismatch',
    `The broker's certificate is ${validFor}, not for "${dialed}". Enter the name the certificate is for in the "Server name (SNI)" field (under TLS), or connect using that name as the host.`
  )
}

const UNKNOWN_CA_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
])

function tlsError(code: string, error: ErrorLike, target: ConnectTarget): UserFacingError | undefined {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return hostnameMismatch(error, target)
  if (UNKNOWN_CA_CODES.has(code)) {
    return new UserFacingError(
      'tls-unknown-ca',
      `The broker's certificate at ${address(target)} is self-signed or signed by an unknown certificate authority. Add the broker's CA certificate under "CA files", or turn off certificate checking only if you trust this network.`
    )
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return new UserFacingError('tls-expired', `The broker's certificate at ${address(target)} has expired. Ask the broker's administrator to renew it, and check that this computer's clock is right.`)
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return new UserFacingError('tls-expired', `The broker's certificate at ${address(target)} is not valid yet. Check that this computer's clock is right.`)
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    return new UserFacingError('tls-failed', `The server at ${address(target)} did not answer with TLS. Check the port, or choose a protocol without TLS (mqtt:// or ws://).`)
  }
  if (/CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|HANDSHAKE_FAILURE/.test(code) && code.startsWith('ERR_SSL')) {
    return new UserFacingError(
      'tls-failed',
      `The broker at ${address(target)} refused the TLS handshake: it requires a client certificate it trusts. Choose a client certificate and key issued by a CA the broker accepts.`
    )
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code.startsWith('CERT_') || code.startsWith('ERR_OSSL')) {
    return new UserFacingError('tls-failed', `The TLS connection to ${address(target)} failed: ${String(error.message)}. Check the TLS settings.`)
  }
  return undefined
}

/** The broker answered a v5 CONNECT the way a 3.1.1 broker does, with a return code below 0x80 (aedes, mosca). */
function v3AnswerToV5(code: number, target: ConnectTarget): UserFacingError {
  return new UserFacingError(
    'broker-refused',
    `The broker at ${address(target)} does not accept MQTT 5.0: it answered as an MQTT 3.1.1 broker (${describeV3ConnackCode(code)}). Choose MQTT 3.1.1 in the profile.`
  )
}

/** Said after a v5 attempt that ended without a CONNACK: old brokers close the socket or never answer. */
function v5Hint(target: ConnectTarget): string {
  return target.protocolVersion === 5 ? ' A broker that does not accept MQTT 5.0 may do this: if so, choose MQTT 3.1.1.' : ''
}

function connackError(code: number, target: ConnectTarget): UserFacingError {
  const v5 = target.protocolVersion === 5
  // Every v5 refusal is 0x80 or above; a lower code is a 3.1.1 return code from a broker that does not speak v5.
  if (v5 && code > 0 && code < 0x80) return v3AnswerToV5(code, target)
  const reason = v5 ? describeReasonCode(code) : describeV3ConnackCode(code)
  if ((v5 && code === 0x86) || (!v5 && code === 4)) {
    return new UserFacingError('bad-credentials', `The broker at ${address(target)} refused the user name or password: ${reason}. Check both and try again.`)
  }
  if ((v5 && code === 0x87) || (!v5 && code === 5)) {
    return new UserFacingError(
      'not-authorized',
      `The broker at ${address(target)} refused the connection: ${reason}. Check the user name and password (this listener may not accept anonymous clients) and the broker's access rules.`
    )
  }
  if ((v5 && code === 0x84) || (!v5 && code === 1)) {
    return new UserFacingError('broker-refused', `The broker at ${address(target)} does not accept ${VERSION_NAMES[target.protocolVersion]} (${reason}). Choose another MQTT version.`)
  }
  if ((v5 && code === 0x85) || (!v5 && code === 2)) {
    return new UserFacingError('broker-refused', `The broker at ${address(target)} rejected the client id "${target.clientId}" (${reason}). Enter another client id, or leave it empty for a random one.`)
  }
  return new UserFacingError('broker-refused', `The broker at ${address(target)} refused the connection: ${reason}.`)
}

function systemError(code: string, target: ConnectTarget): UserFacingError | undefined {
  switch (code) {
    case 'ECONNREFUSED':
      return new UserFacingError('connection-refused', `Nothing is listening on ${address(target)}. Check the host and port, and that the broker is running.`)
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UserFacingError('unknown-host', `The host name "${target.host}" could not be found. Check its spelling, and this computer's network and DNS settings.`)
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new UserFacingError('connect-timeout', `${address(target)} cannot be reached from this computer (${code}). Check the host, and any firewall or VPN between you and the broker.`)
    case 'ECONNRESET':
    case 'EPIPE':
      return connectionClosedError(target)
    default:
      return undefined
  }
}

/**
 * mqtt.js's parser failed on the server's first bytes: it is not an MQTT broker. An HTTP answer ("HTTP/1.1 400",
 * what a WebSocket listener sends to raw MQTT) starts with 'H' (0x48), which the parser reads as a PUBACK with flags 8.
 */
function notMqttError(message: string, target: ConnectTarget): UserFacingError | undefined {
  if (target.protocol === 'ws' || target.protocol === 'wss') return undefined
  if (/^Invalid header flag bits, must be 0x0 for puback packet/.test(message)) {
    const choose = target.protocol === 'mqtts' ? 'wss://' : 'ws://'
    return new UserFacingError(
      'broker-refused',
      `The server at ${address(target)} answered in HTTP, not MQTT: this port speaks WebSocket/HTTP. Choose ${choose} (with the WebSocket path, often /mqtt), or the broker's ${target.protocol}:// port.`
    )
  }
  if (/^(Invalid|Malformed|Packet too short|Unknown|Cannot parse)/i.test(message)) {
    return new UserFacingError('broker-refused', `The server at ${address(target)} did not answer in MQTT (${message}). Check the port and the protocol (mqtt, mqtts, ws or wss).`)
  }
  return undefined
}

/** The connection closed before the broker accepted it, with no error to say why. */
export function connectionClosedError(target: ConnectTarget): UserFacingError {
  return new UserFacingError(
    'broker-refused',
    `The server at ${address(target)} closed the connection before the broker accepted it. Check that this port is for ${target.protocol}:// (with or without TLS, WebSocket path) and accepts ${VERSION_NAMES[target.protocolVersion]}.${v5Hint(target)}`
  )
}

/** A sentence for anything that ended a connection attempt or an established connection. */
export function describeConnectError(error: unknown, target: ConnectTarget): UserFacingError {
  if (error instanceof UserFacingError) return error
  const like = (error ?? {}) as ErrorLike
  const message = typeof like.message === 'string' ? like.message : String(error)
  if (typeof like.code === 'number') return connackError(like.code, target)
  if (typeof like.code === 'string') {
    const known = tlsError(like.code, like, target) ?? systemError(like.code, target)
    if (known) return known
  }
  if (message === 'connack timeout') {
    return new UserFacingError(
      'connect-timeout',
      `The broker at ${address(target)} did not answer within ${target.connectTimeoutMs / 1000} s. Check the host, port and protocol (mqtt, mqtts, ws or wss), or raise the connect timeout.${v5Hint(target)}`
    )
  }
  if (message === 'Keepalive timeout') {
    return new UserFacingError('connect-timeout', `The broker at ${address(target)} stopped answering (no reply within the keep-alive interval). Check the network between you and the broker, and that the broker is running.`)
  }
  const notMqtt = notMqttError(message, target)
  if (notMqtt) return notMqtt
  const wsStatus = /Unexpected server response: (\d+)/.exec(message)
  if (wsStatus) {
    return new UserFacingError(
      'broker-refused',
      `The server at ${address(target)} answered the WebSocket request with HTTP ${wsStatus[1]}. Check the WebSocket path and port.`
    )
  }
  return new UserFacingError('broker-refused', `The connection to ${address(target)} failed: ${message}.`)
}

/** Reasons a broker gives in a v5 DISCONNECT for the PUBLISH it just read. */
const PUBLISH_DISCONNECT_REASONS: ReadonlySet<number> = new Set([0x87, 0x90, 0x95, 0x97, 0x99, 0x9a, 0x9b])

/** Whether a v5 DISCONNECT reason blames a PUBLISH (retain or QoS not supported, packet too large, …). */
export function blamesPublish(reasonCode: number): boolean {
  return PUBLISH_DISCONNECT_REASONS.has(reasonCode)
}

/** What a publish was: the words the sentences below use for it. */
export interface PublishSummary {
  topic: string
  qos: number
  retain: boolean
}

function publishWords(message: PublishSummary): string {
  return `the message to "${message.topic}" (QoS ${message.qos}${message.retain ? ', retained' : ''})`
}

/** The broker closed the connection over a publish: it is dropped rather than sent again on every reconnect. */
export function publishKickedError(message: PublishSummary, reasonCode: number | undefined): UserFacingError {
  const what = publishWords(message)
  const why = reasonCode === undefined
    ? `The broker closed the connection each time it received ${what}, so it was not sent again. Brokers do this for a QoS or a retained flag they do not allow (Mosquitto's max_qos and retain_available) or a topic this client may not publish to.`
    : `The broker closed the connection when it received ${what}: ${describeReasonCode(reasonCode)}. It was not sent again.`
  const fix = reasonCode === 0x9a ? ' Publish it without Retain.' : reasonCode === 0x9b ? ' Choose a lower QoS.' : reasonCode === 0x95 ? ' Make the payload smaller.' : ' Try a lower QoS, or without Retain.'
  return new UserFacingError('publish-refused', `${why}${fix}`)
}

/** A QoS 1/2 publish got no PUBACK/PUBCOMP in time; it is no longer retransmitted. `connected`: the connection is up now. */
export function publishTimeoutError(message: PublishSummary, timeoutMs: number, connected: boolean): UserFacingError {
  if (!connected) {
    return new UserFacingError(
      'publish-timeout',
      `The broker did not acknowledge ${publishWords(message)} within ${timeoutMs / 1000} s: the connection dropped meanwhile. It is no longer sent again; publish it again once connected.`
    )
  }
  return new UserFacingError(
    'publish-timeout',
    `The broker did not acknowledge ${publishWords(message)} within ${timeoutMs / 1000} s, so it is no longer sent again. The broker may not support QoS ${message.qos}: try QoS ${message.qos === 2 ? '1 or 0' : '0'}, or check the broker's log.`
  )
}

/** What a v5 CONNACK announced forbids this publish; it was not sent. */
export function publishBeyondLimitsError(message: PublishSummary, limit: 'qos' | 'retain' | 'size', detail: number): UserFacingError {
  const what = publishWords(message)
  const sentence = limit === 'qos'
    ? `The broker accepts QoS ${detail} at most (Maximum QoS in its CONNACK), so ${what} was not sent. Choose QoS ${detail === 0 ? '0' : `${detail} or 0`}.`
    : limit === 'retain'
      ? `The broker keeps no retained messages (Retain Available 0 in its CONNACK), so ${what} was not sent. Publish it without Retain.`
      : `The broker accepts packets of at most ${detail} bytes (Maximum Packet Size in its CONNACK), so ${what} was not sent. Make the payload smaller.`
  return new UserFacingError('publish-refused', sentence)
}

/** An established connection dropped without an error (the broker or the network closed it). */
export function connectionLostError(target: ConnectTarget): AppError {
  return { code: 'connection-lost', message: `The connection to ${address(target)} was closed by the broker or the network.` }
}

/** The broker sent a v5 DISCONNECT with a reason. */
export function brokerDisconnectError(reasonCode: number, target: ConnectTarget): AppError {
  const hint = reasonCode === 0x8e ? ' Another client connected with the same client id.' : ''
  return { code: 'connection-lost', message: `The broker at ${address(target)} closed the connection: ${describeReasonCode(reasonCode)}.${hint}` }
}

/** One refused filter of a SUBSCRIBE, named with the reason (3.1.1 only says 0x80 "failure"). */
export function subscriptionRefusedError(filter: string, reasonCode: number, version: ProtocolVersion): AppError {
  const reason = version === 5 ? describeReasonCode(reasonCode) : `failure (${hexCode(reasonCode)}; MQTT ${version === 3 ? '3.1' : '3.1.1'} gives no reason, usually the broker's access rules)`
  return { code: 'subscription-refused', message: `The broker refused the subscription to "${filter}": ${reason}.` }
}

/** A publish the broker refused with a v5 PUBACK/PUBREC reason code. */
export function publishRefusedError(topic: string, reasonCode: number): UserFacingError {
  return new UserFacingError('publish-refused', `The broker refused the message to "${topic}": ${describeReasonCode(reasonCode)}.`)
}

/** An operation needs a live connection. */
export function notConnectedError(connectionId: string, state: string | undefined): UserFacingError {
  if (state === undefined) return new UserFacingError('not-connected', `There is no connection "${connectionId}". Connect first.`)
  return new UserFacingError('not-connected', `The connection "${connectionId}" is ${state}, not connected. Wait until it is connected, or connect again.`)
}
