import { randomBytes } from 'node:crypto'
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls'
import type { IClientOptions } from 'mqtt'
import type { ConnectionOptions } from '../../shared/contract'
import { toMqttWillProperties } from './properties'
import { readTlsMaterial } from './tlsFiles'

/** mqtt.js options plus the tls.connect options it passes through (passphrase, servername, ALPN). */
export type MqttClientOptions = IClientOptions & TlsConnectionOptions

/** `brokerscope-` + 8 hex digits: 20 characters, within MQTT 3.1's 23-character client id limit. */
export function randomClientId(): string {
  return `brokerscope-${randomBytes(4).toString('hex')}`
}

function isSecure(options: ConnectionOptions): boolean {
  return options.protocol === 'mqtts' || options.protocol === 'wss'
}

async function tlsClientOptions(options: ConnectionOptions): Promise<TlsConnectionOptions> {
  const tls = options.tls
  if (!tls) return { rejectUnauthorized: true }
  const material = await readTlsMaterial(tls)
  const out: TlsConnectionOptions = { ...material, rejectUnauthorized: tls.rejectUnauthorized }
  if (tls.servername) out.servername = tls.servername
  if (tls.alpnProtocols.length > 0) out.ALPNProtocols = tls.alpnProtocols
  return out
}

function willOption(options: ConnectionOptions): IClientOptions['will'] {
  const will = options.will
  if (!will) return undefined
  return {
    topic: will.topic,
    payload: Buffer.from(will.payload.buffer, will.payload.byteOffset, will.payload.byteLength),
    qos: will.qos,
    retain: will.retain,
    ...(options.protocolVersion === 5 && will.properties ? { properties: toMqttWillProperties(will.properties) } : {})
  }
}

function skipLog(): void {}

/**
 * Maps our connection options to mqtt.js options. Reads the TLS files (each failure names its file),
 * so it is async. For wss:// the TLS options go into wsOptions too: mqtt.js copies only some of them.
 */
export async function buildClientOptions(options: ConnectionOptions): Promise<MqttClientOptions> {
  const version = options.protocolVersion
  const out: MqttClientOptions = {
    protocol: options.protocol,
    host: options.host,
    port: options.port,
    protocolId: version === 3 ? 'MQIsdp' : 'MQTT',
    protocolVersion: version,
    clientId: options.clientId || randomClientId(),
    clean: options.clean,
    keepalive: options.keepaliveSeconds,
    connectTimeout: options.connectTimeoutMs,
    reconnectPeriod: options.reconnectPeriodMs,
    // BrokerConnection re-subscribes itself; mqtt.js's bookkeeping would skip a repeated subscribe
    // to a filter, and repeating one is how a user asks for the retained messages again.
    resubscribe: false
  }
  // mqtt.js calls its logger about six times per received message; even switched off, the `debug`
  // module's checks cost ~0.4 µs a message. Keep it only when someone asked for debug output.
  if (!process.env['DEBUG']) out.log = skipLog
  if (options.protocol === 'ws' || options.protocol === 'wss') out.path = options.path.startsWith('/') ? options.path : `/${options.path}`
  if (version === 5 && options.sessionExpiryInterval !== undefined) out.properties = { sessionExpiryInterval: options.sessionExpiryInterval }
  if (options.username) out.username = options.username
  if (options.password) out.password = options.password
  const will = willOption(options)
  if (will) out.will = will
  if (isSecure(options)) {
    const tls = await tlsClientOptions(options)
    Object.assign(out, tls)
    if (options.protocol === 'wss') out.wsOptions = { ...tls }
  }
  return out
}
