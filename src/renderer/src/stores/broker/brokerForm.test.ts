import { describe, expect, it } from 'vitest'
import { brokerStartOf, initialBrokerForm } from './brokerForm'

describe('the built-in broker form', () => {
  it('starts on loopback port 1883 without WebSocket or login by default', () => {
    expect(brokerStartOf(initialBrokerForm)).toEqual({ tcpPort: 1883, host: '127.0.0.1' })
  })

  it('adds the WebSocket port and the login when given', () => {
    expect(brokerStartOf({ tcpPort: '0', wsPort: '9001', host: '0.0.0.0', username: 'dev', password: 'pw' })).toEqual({ tcpPort: 0, wsPort: 9001, host: '0.0.0.0', username: 'dev', password: 'pw' })
  })

  it('says what to fix in a port, an address or a password without a user', () => {
    expect(brokerStartOf({ ...initialBrokerForm, tcpPort: 'abc' })).toMatch(/port/i)
    expect(brokerStartOf({ ...initialBrokerForm, wsPort: '70000' })).toBe('A port is 0 (any free port) to 65535.')
    expect(brokerStartOf({ ...initialBrokerForm, host: 'my-laptop' })).toBe('The bind address is an IP address such as 127.0.0.1, or 0.0.0.0 for every interface.')
    expect(brokerStartOf({ ...initialBrokerForm, password: 'pw' })).toBe('A password needs a user name.')
  })
})
