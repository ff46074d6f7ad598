import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os'
import type { BrokerAddress } from '../../shared/contract'

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>

const WILDCARDS = new Set(['0.0.0.0', '::'])

/** The host part of a URL: IPv6 addresses go in brackets. */
function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address
}

/** The interface addresses a listener on `host` answers on: all of them for 0.0.0.0 (IPv4) or :: (both). */
function reachable(host: string, interfaces: Interfaces): Array<{ address: string; interfaceName: string }> {
  const all = Object.entries(interfaces).flatMap(([name, infos]) =>
    (infos ?? []).map((info) => ({ address: info.address, family: info.family, interfaceName: info.internal ? 'loopback' : name, scoped: info.scopeid !== undefined && info.scopeid !== 0 }))
  )
  if (!WILDCARDS.has(host)) {
    return [{ address: host, interfaceName: all.find((entry) => entry.address === host)?.interfaceName ?? 'unknown' }]
  }
  // Link-local IPv6 addresses need a zone id a device cannot know, so they are left out.
  return all.filter((entry) => (host === '::' || entry.family === 'IPv4') && !entry.scoped)
}

/** Every URL a device can use to reach the broker's listeners, TCP first, then WebSocket. */
export function brokerAddresses(host: string, tcpPort: number, wsPort: number | null, interfaces: Interfaces = networkInterfaces()): BrokerAddress[] {
  const hosts = reachable(host, interfaces)
  const urls = (scheme: string, port: number): BrokerAddress[] =>
    hosts.map(({ address, interfaceName }) => ({ url: `${scheme}://${urlHost(address)}:${port}`, interfaceName }))
  return [...urls('mqtt', tcpPort), ...(wsPort === null ? [] : urls('ws', wsPort))]
}

/** Where this app connects to its own broker: loopback when it listens on every interface. */
export function localHostOf(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1'
  if (host === '::') return '::1'
  return host
}
