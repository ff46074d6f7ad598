import type { Socket } from 'node:net'
import type { ProxyOptions } from '../../../shared/contract'
import { openHttpTunnel } from './httpConnectTunnel'
import { openSocksTunnel } from './socksTunnel'

/** Opens a TCP connection to host:port through the proxy; the socket is ready for MQTT (or TLS, or a WebSocket handshake). */
export async function openTunnel(proxy: ProxyOptions, host: string, port: number, timeoutMs: number): Promise<Socket> {
  const target = { proxy, host, port }
  const socket = await (proxy.kind === 'http' ? openHttpTunnel(target, timeoutMs) : openSocksTunnel(target, timeoutMs))
  // Nagle's algorithm would hold QoS 1/2 acks back (DESIGN.md), behind a proxy as much as without one.
  socket.setNoDelay(true)
  return socket
}
