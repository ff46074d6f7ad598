import { isIP, type Socket } from 'node:net'
import { connect as tlsConnect, type ConnectionOptions as TlsConnectOptions } from 'node:tls'
import mqtt, { MqttClient } from 'mqtt'
import type { ProxyOptions } from '../../../shared/contract'
import type { MqttClientOptions } from '../clientOptions'
import { openTunnel } from './proxyTunnel'
import { TunnelStream } from './tunnelStream'

// mqtt.js's own `socksProxy` covers mqtt:// and mqtts:// only, without SOCKS credentials, and nothing of HTTP
// CONNECT. So the tunnel is ours for every protocol: mqtt(s) get a stream builder (MqttClient's documented
// constructor), ws(s) get the `createConnection` hook that `ws` hands to node's http client.

/** The server name to check the broker's certificate against, as mqtt.js and ws choose it: none for an IP address. */
function serverName(options: TlsConnectOptions, host: string): string | undefined {
  return options.servername || (isIP(host) === 0 ? host : undefined)
}

type Callback = (error: Error | null, socket?: Socket) => void

/** A `createConnection` for ws: node's http client accepts the socket later, through the callback. */
function tunnelledConnection(proxy: ProxyOptions, secure: boolean, connectTimeoutMs: number) {
  return (options: TlsConnectOptions & { host: string; port: number | string }, callback: Callback): undefined => {
    openTunnel(proxy, options.host, Number(options.port), connectTimeoutMs).then(
      (socket) => callback(null, secure ? tlsConnect({ ...options, path: undefined, socket, servername: serverName(options, options.host) }) : socket),
      (error: Error) => callback(error)
    )
    return undefined
  }
}

/** An mqtt.js client that reaches the broker through the proxy, on every connection and reconnection. */
export function connectThroughProxy(options: MqttClientOptions, proxy: ProxyOptions): MqttClient {
  const host = options.host ?? 'localhost'
  const port = options.port ?? 1883
  const connectTimeoutMs = options.connectTimeout ?? 30_000
  if (options.protocol === 'ws' || options.protocol === 'wss') {
    const createConnection = tunnelledConnection(proxy, options.protocol === 'wss', connectTimeoutMs)
    return mqtt.connect({ ...options, wsOptions: { ...options.wsOptions, createConnection } as MqttClientOptions['wsOptions'] })
  }
  const secure = options.protocol === 'mqtts'
  return new MqttClient(() => {
    const tunnel = new TunnelStream(openTunnel(proxy, host, port, connectTimeoutMs))
    return secure ? tlsConnect({ ...options, socket: tunnel, servername: serverName(options, host) }) : tunnel
  }, options)
}
