import type { Socket } from 'node:net'
import type { ProxyOptions } from '../../../shared/contract'
import { openHttpTunnel } from './httpConnectTunnel'
import { openSocksTunnel } from './socksTunnel'

/**
 * The proxy's share of the connect timeout. mqtt.js starts its CONNACK timer, of the full length, before the
 * tunnel opens: a proxy that hangs must time out first, or the user is told the broker did not answer.
 */
const TUNNEL_SHARE = 0.9

/** Opens a TCP connection to host:port through the proxy; the socket is ready for MQTT (or TLS, or a WebSocket handshake). */
export async function openTunnel(proxy: ProxyOptions, host: string, port: number, connectTimeoutMs: number): Promise<Socket> {
  const target = { proxy, host, port }
  const timeoutMs = Math.floor(connectTimeoutMs * TUNNEL_SHARE)
  const socket = await (proxy.kind === 'http' ? openHttpTunnel(target, timeoutMs) : openSocksTunnel(target, timeoutMs))
  // Nagle's algorithm would hold QoS 1/2 acks back (DESIGN.md), behind a proxy as much as without one.
  socket.setNoDelay(true)
  return socket
}
