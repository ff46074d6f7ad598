import type { NetworkInterfaceInfo } from 'node:os'
import { describe, expect, it } from 'vitest'
import { brokerAddresses, localHostOf } from './brokerAddresses'

const info = (address: string, family: 'IPv4' | 'IPv6', internal: boolean, scopeid?: number): NetworkInterfaceInfo =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null, ...(family === 'IPv6' && { scopeid: scopeid ?? 0 }) }) as NetworkInterfaceInfo

const interfaces = {
  lo: [info('127.0.0.1', 'IPv4', true), info('::1', 'IPv6', true)],
  eth0: [info('192.168.1.20', 'IPv4', false), info('fe80::1', 'IPv6', false, 2), info('2001:db8::20', 'IPv6', false)]
}

describe('the addresses devices can use', () => {
  it('lists every IPv4 interface for 0.0.0.0, TCP then WebSocket', () => {
    expect(brokerAddresses('0.0.0.0', 1883, 8083, interfaces)).toEqual([
      { url: 'mqtt://127.0.0.1:1883', interfaceName: 'loopback' },
      { url: 'mqtt://192.168.1.20:1883', interfaceName: 'eth0' },
      { url: 'ws://127.0.0.1:8083', interfaceName: 'loopback' },
      { url: 'ws://192.168.1.20:8083', interfaceName: 'eth0' }
    ])
  })

  it('adds IPv6 in brackets for ::, leaving out link-local addresses that need a zone', () => {
    expect(brokerAddresses('::', 1883, null, interfaces).map((address) => address.url)).toEqual([
      'mqtt://127.0.0.1:1883',
      'mqtt://[::1]:1883',
      'mqtt://192.168.1.20:1883',
      'mqtt://[2001:db8::20]:1883'
    ])
  })

  it('gives only the chosen address, named by its interface', () => {
    expect(brokerAddresses('192.168.1.20', 1883, null, interfaces)).toEqual([{ url: 'mqtt://192.168.1.20:1883', interfaceName: 'eth0' }])
  })

  it('connects the app itself over loopback when bound to every interface', () => {
    expect([localHostOf('0.0.0.0'), localHostOf('::'), localHostOf('192.168.1.20')]).toEqual(['127.0.0.1', '::1', '192.168.1.20'])
  })
})
