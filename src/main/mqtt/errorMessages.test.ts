// Sentences for failures the test broker cannot produce (Mosquitto never sends them, or they need the internet).
// The inputs are the errors Node and mqtt.js really create: ErrorWithReasonCode, tls.checkServerIdentity, errno codes.
import { checkServerIdentity, type PeerCertificate } from 'node:tls'
import { ErrorWithReasonCode } from 'mqtt'
import { describe, expect, it } from 'vitest'
import { ReasonCodes } from 'mqtt'
import {
  brokerDisconnectError,
  certificateNames,
  describeConnectError,
  subscriptionRefusedError,
  type ConnectTarget
} from './errorMessages'
import { describeReasonCode, hexCode } from './reasonCodes'

const v5: ConnectTarget = { protocol: 'mqtt', host: 'broker.lan', port: 1883, connectTimeoutMs: 10_000, protocolVersion: 5, clientId: 'me' }
const v311: ConnectTarget = { ...v5, protocolVersion: 4 }

/** What mqtt.js emits for a refused CONNACK (handlers/connack.js). */
function connackRefusal(code: number): ErrorWithReasonCode {
  return new ErrorWithReasonCode(`Connection refused: ${ReasonCodes[code as keyof typeof ReasonCodes]}`, code)
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`connect ${code}`), { code })
}

describe('CONNACK refusals', () => {
  it('MQTT 5 0x86: bad user name or password', () => {
    expect(describeConnectError(connackRefusal(0x86), v5)).toMatchObject({
      code: 'bad-credentials',
      message: 'The broker at broker.lan:1883 refused the user name or password: bad user name or password (0x86). Check both and try again.'
    })
  })

  it('MQTT 5 0x87 and 3.1.1 return code 5: not authorized', () => {
    expect(describeConnectError(connackRefusal(0x87), v5).code).toBe('not-authorized')
    expect(describeConnectError(connackRefusal(5), v311).message).toContain('refused the connection: not authorized (return code 5).')
  })

  it('unsupported protocol version names the version to change', () => {
    expect(describeConnectError(connackRefusal(1), { ...v5, protocolVersion: 3 }).message).toBe(
      'The broker at broker.lan:1883 does not accept MQTT 3.1 (unacceptable protocol version (return code 1)). Choose another MQTT version.'
    )
    expect(describeConnectError(connackRefusal(0x84), v5).message).toContain('does not accept MQTT 5.0')
  })

  it('a rejected client id names it', () => {
    expect(describeConnectError(connackRefusal(0x85), v5).message).toBe(
      'The broker at broker.lan:1883 rejected the client id "me" (client identifier not valid (0x85)). Enter another client id, or leave it empty for a random one.'
    )
    expect(describeConnectError(connackRefusal(2), v311).message).toContain('identifier rejected (return code 2)')
  })

  it('other codes are given in words with their number', () => {
    expect(describeConnectError(connackRefusal(0x8a), v5)).toMatchObject({
      code: 'broker-refused',
      message: 'The broker at broker.lan:1883 refused the connection: banned (0x8A).'
    })
    expect(describeConnectError(connackRefusal(3), v311).message).toBe('The broker at broker.lan:1883 refused the connection: server unavailable (return code 3).')
  })
})

describe('network failures', () => {
  it.each(['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'])('%s: cannot be reached', (code) => {
    expect(describeConnectError(errno(code), v5)).toMatchObject({
      code: 'connect-timeout',
      message: `broker.lan:1883 cannot be reached from this computer (${code}). Check the host, and any firewall or VPN between you and the broker.`
    })
  })

  it('EAI_AGAIN (DNS unavailable) is an unknown host too', () => {
    expect(describeConnectError(errno('EAI_AGAIN'), v5).code).toBe('unknown-host')
  })

  it('keep-alive timeout after a connect', () => {
    expect(describeConnectError(new Error('Keepalive timeout'), v5).message).toBe(
      'The broker at broker.lan:1883 stopped answering (no reply within the keep-alive interval). Check the network between you and the broker, and that the broker is running.'
    )
  })

  it('an HTTP answer to the WebSocket upgrade names the status', () => {
    expect(describeConnectError(new Error('Unexpected server response: 404'), { ...v5, protocol: 'ws' }).message).toBe(
      'The server at broker.lan:1883 answered the WebSocket request with HTTP 404. Check the WebSocket path and port.'
    )
  })

  it('an HTTP answer on an mqtts:// port (a wss listener) says to choose wss://', () => {
    expect(describeConnectError(new Error('Invalid header flag bits, must be 0x0 for puback packet'), { ...v311, protocol: 'mqtts' }).message).toBe(
      "The server at broker.lan:1883 answered in HTTP, not MQTT: this port speaks WebSocket/HTTP. Choose wss:// (with the WebSocket path, often /mqtt), or the broker's mqtts:// port."
    )
  })

  it('other bytes that are not MQTT say so, with the parser\'s words', () => {
    expect(describeConnectError(new Error('Invalid length'), v311).message).toBe(
      'The server at broker.lan:1883 did not answer in MQTT (Invalid length). Check the port and the protocol (mqtt, mqtts, ws or wss).'
    )
  })

  it('anything else keeps its own message inside a sentence', () => {
    expect(describeConnectError(new Error('something odd'), v5).message).toBe('The connection to broker.lan:1883 failed: something odd.')
  })
})

describe('TLS failures', () => {
  const cert = { subject: { CN: 'broker.example.test' }, subjectaltname: 'DNS:broker.example.test, DNS:*.example.test, IP Address:10.0.0.1' } as unknown as PeerCertificate

  it('hostname mismatch lists every name of the certificate (from the error Node creates)', () => {
    const error = checkServerIdentity('broker.lan', cert)
    expect(error && (error as NodeJS.ErrnoException).code).toBe('ERR_TLS_CERT_ALTNAME_INVALID')
    expect(describeConnectError(error, v5)).toMatchObject({
      code: 'tls-hostname-mismatch',
      message: 'The broker\'s certificate is valid for broker.example.test, *.example.test, 10.0.0.1, not for "broker.lan". Enter the name the certificate is for in the "Server name (SNI)" field (under TLS), or connect using that name as the host.'
    })
  })

  it('names the server name when one was entered', () => {
    const error = checkServerIdentity('typo.example.org', cert)
    expect(describeConnectError(error, { ...v5, servername: 'typo.example.org' }).message).toContain('not for "typo.example.org"')
  })

  it('reads the names from the message when the certificate is not attached', () => {
    const error = Object.assign(new Error("Hostname/IP does not match certificate's altnames: Host: x. is not in the cert's altnames: DNS:a.test, DNS:b.test"), {
      code: 'ERR_TLS_CERT_ALTNAME_INVALID'
    })
    expect(certificateNames(error)).toEqual(['a.test', 'b.test'])
  })

  it('falls back to the common name', () => {
    expect(certificateNames({ cert: { subject: { CN: 'only-cn.test' } } })).toEqual(['only-cn.test'])
  })

  it.each([
    ['CERT_NOT_YET_VALID', 'tls-expired', 'is not valid yet'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls-unknown-ca', 'self-signed or signed by an unknown certificate authority'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'tls-unknown-ca', 'unknown certificate authority'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls-failed', 'did not answer with TLS'],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'tls-failed', 'requires a client certificate it trusts'],
    ['ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'tls-failed', 'requires a client certificate it trusts'],
    ['ERR_SSL_NO_SUITABLE_SIGNATURE_ALGORITHM', 'tls-failed', 'The TLS connection to broker.lan:1883 failed']
  ])('%s', (code, expected, phrase) => {
    const result = describeConnectError(errno(code), v5)
    expect(result.code).toBe(expected)
    expect(result.message).toContain(phrase)
  })
})

describe('other sentences', () => {
  it('a v5 DISCONNECT from the broker says why', () => {
    expect(brokerDisconnectError(0x8e, v5).message).toBe(
      'The broker at broker.lan:1883 closed the connection: session taken over (0x8E). Another client connected with the same client id.'
    )
    expect(brokerDisconnectError(0x8e, v5).code).toBe('connection-lost')
    expect(brokerDisconnectError(0x98, v5).message).toBe('The broker at broker.lan:1883 closed the connection: administrative action (0x98).')
  })

  it('a refused subscription on MQTT 3.1 says the version gives no reason', () => {
    expect(subscriptionRefusedError('a/#', 0x80, 3).message).toBe(
      'The broker refused the subscription to "a/#": failure (0x80; MQTT 3.1 gives no reason, usually the broker\'s access rules).'
    )
    expect(subscriptionRefusedError('a/#', 0xa2, 5).message).toBe('The broker refused the subscription to "a/#": wildcard subscriptions not supported (0xA2).')
  })

  it('reason codes: every mqtt.js v5 code has words, unknown ones keep the number', () => {
    for (const code of Object.keys(ReasonCodes).map(Number).filter((c) => c >= 0x80)) {
      expect(describeReasonCode(code)).not.toContain('unknown reason')
    }
    expect(describeReasonCode(0xfe)).toBe('unknown reason (0xFE)')
    expect(hexCode(5)).toBe('0x05')
  })
})
