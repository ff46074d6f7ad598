/** One listener of a test broker; what each one does is listed in tests/support/broker/README.md. */
export type ListenerName = 'plain' | 'auth' | 'tls' | 'mtls' | 'ws' | 'wss' | 'acl' | 'aclPlugin' | 'selfSigned' | 'expired' | 'maxQos1'

/** Every listener, in the order they are started when none are asked for. */
export const allListeners: readonly ListenerName[] = [
  'plain', 'auth', 'tls', 'mtls', 'ws', 'wss', 'acl', 'aclPlugin', 'selfSigned', 'expired', 'maxQos1'
]

/** Broker-wide limits (Mosquitto applies these to every listener); aedes ignores them. */
export interface BrokerLimits {
  /** `retain_available false`: a retained publish gets the client disconnected (v5: DISCONNECT 0x9A). */
  retainAvailable?: boolean
  /** `max_packet_size`: announced in the MQTT 5 CONNACK; a larger packet gets the client disconnected. */
  maxPacketSize?: number
}

/** Paths of the certificates and keys generated for the test brokers (PEM files). */
export interface CertificateFiles {
  /** CA certificate that signs the server, expired-server and client certificates. */
  ca: string
  caKey: string
  /** Server certificate for tlsServerName, signed by the CA. */
  serverCert: string
  serverKey: string
  /** Server certificate for tlsServerName, signed by the CA, valid only on 2020-01-01. */
  expiredCert: string
  expiredKey: string
  /** Self-signed server certificate for tlsServerName (unknown to every CA). */
  selfSignedCert: string
  selfSignedKey: string
  /** Client certificate signed by the CA; its key is PKCS#8 encrypted with clientKeyPassphrase. */
  clientCert: string
  clientKey: string
  clientKeyPassphrase: string
}

/** A running test broker: where each listener is and what credentials it expects. */
export interface TestBroker {
  kind: 'mosquitto' | 'aedes'
  host: '127.0.0.1'
  /** Port of each listener that was started. */
  ports: Partial<Record<ListenerName, number>>
  /** DNS name in the TLS server certificate (NOT localhost / 127.0.0.1). */
  tlsServerName: string
  files: { ca: string; clientCert: string; clientKey: string; clientKeyPassphrase: string; selfSignedCert: string }
  /** Valid on the 'auth', 'acl' and 'aclPlugin' listeners. */
  users: { name: string; password: string }
  /**
   * Refused for users.name: on 'acl' publishes are refused (v5 PUBACK 0x87, v3 dropped) and messages are not
   * delivered, but SUBACK grants it (Mosquitto 2.0's ACL file); on 'aclPlugin' the SUBACK refuses it as well.
   */
  aclDeniedTopic: string
  /** WebSocket path for the 'ws' and 'wss' listeners. */
  wsPath: string
  stop(): Promise<void>
}

/** Fixed facts every test broker shares, whatever its kind. */
export const brokerFacts = {
  host: '127.0.0.1',
  tlsServerName: 'broker.example.test',
  users: { name: 'explorer', password: 'correct-horse-7' },
  aclDeniedTopic: 'secret/denied',
  wsPath: '/mqtt'
} as const

/** The certificate files a test client may use, as TestBroker.files lists them. */
export function clientFiles(certs: CertificateFiles): TestBroker['files'] {
  const { ca, clientCert, clientKey, clientKeyPassphrase, selfSignedCert } = certs
  return { ca, clientCert, clientKey, clientKeyPassphrase, selfSignedCert }
}
