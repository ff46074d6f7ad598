import { pbkdf2Sync, randomBytes } from 'node:crypto'
import type { BrokerLimits, CertificateFiles, ListenerName } from './types'

/** Files a Mosquitto config refers to besides the certificates. */
export interface MosquittoFiles {
  log: string
  passwordFile: string
  aclFile: string
  /** Mosquitto's dynamic-security plugin (.so), needed by the 'aclPlugin' listener only. */
  dynsecPlugin: string | undefined
  dynsecConfig: string
}

function tlsLines(certificate: string, key: string, ca: string): string[] {
  return [`cafile ${ca}`, `certfile ${certificate}`, `keyfile ${key}`]
}

function listenerLines(name: ListenerName, port: number, certs: CertificateFiles, files: MosquittoFiles): string[] {
  const passwords = ['allow_anonymous false', `password_file ${files.passwordFile}`]
  switch (name) {
    case 'plain': return [`listener ${port} 127.0.0.1`, 'allow_anonymous true']
    case 'maxQos1': return [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'max_qos 1']
    case 'auth': return [`listener ${port} 127.0.0.1`, ...passwords]
    case 'acl': return [`listener ${port} 127.0.0.1`, ...passwords, `acl_file ${files.aclFile}`]
    case 'aclPlugin': return [`listener ${port} 127.0.0.1`, 'allow_anonymous false',
      `plugin ${files.dynsecPlugin}`, `plugin_opt_config_file ${files.dynsecConfig}`]
    // Mosquitto 2.0.11 ignores a bind address on a websockets listener; an interface name is honoured.
    case 'ws': return [`listener ${port} lo`, 'protocol websockets', 'allow_anonymous true']
    case 'wss': return [`listener ${port} lo`, 'protocol websockets', 'allow_anonymous true', ...tlsLines(certs.serverCert, certs.serverKey, certs.ca)]
    case 'tls': return [`listener ${port} 127.0.0.1`, 'allow_anonymous true', ...tlsLines(certs.serverCert, certs.serverKey, certs.ca)]
    case 'mtls': return [`listener ${port} 127.0.0.1`, 'allow_anonymous true',
      ...tlsLines(certs.serverCert, certs.serverKey, certs.ca), 'require_certificate true']
    case 'selfSigned': return [`listener ${port} 127.0.0.1`, 'allow_anonymous true',
      ...tlsLines(certs.selfSignedCert, certs.selfSignedKey, certs.ca)]
    case 'expired': return [`listener ${port} 127.0.0.1`, 'allow_anonymous true',
      ...tlsLines(certs.expiredCert, certs.expiredKey, certs.ca)]
  }
}

/** The mosquitto.conf text for the given listeners, the way the usual Mosquitto setup guides write it. */
export function mosquittoConfig(
  ports: Partial<Record<ListenerName, number>>, certs: CertificateFiles, files: MosquittoFiles, runsAsRoot: boolean,
  limits: BrokerLimits = {}
): string {
  const lines = [
    'per_listener_settings true',
    'persistence false',
    `log_dest file ${files.log}`,
    'log_type error', 'log_type warning', 'log_type notice', 'log_type information', 'log_type subscribe',
    'connection_messages true',
    // As root Mosquitto 2 switches to user `mosquitto`, which cannot read our private temp files.
    ...(runsAsRoot ? ['user root'] : []),
    ...(limits.retainAvailable === false ? ['retain_available false'] : []),
    ...(limits.maxPacketSize !== undefined ? [`max_packet_size ${limits.maxPacketSize}`] : [])
  ]
  for (const [name, port] of Object.entries(ports) as [ListenerName, number][]) {
    lines.push('', ...listenerLines(name, port, certs, files))
  }
  return lines.join('\n') + '\n'
}

/** ACL file: the user may use every topic except the denied one. */
export function mosquittoAcl(user: string, deniedTopic: string): string {
  return [`user ${user}`, `topic deny ${deniedTopic}`, 'topic readwrite #', ''].join('\n')
}

/**
 * Dynamic-security plugin config: the user, with its password hashed the way the plugin expects
 * (PBKDF2-SHA512, 64 bytes), in a role that may neither subscribe to, publish on nor receive the denied topic.
 * Unlike the ACL file, the plugin refuses the subscription in the SUBACK.
 */
export function dynsecConfig(user: string, password: string, deniedTopic: string): string {
  const salt = randomBytes(12)
  const iterations = 101
  const hash = pbkdf2Sync(password, salt, iterations, 64, 'sha512')
  const deny = (acltype: string): object => ({ acltype, topic: deniedTopic, priority: 0, allow: false })
  return JSON.stringify({
    defaultACLAccess: { publishClientSend: true, publishClientReceive: true, subscribe: true, unsubscribe: true },
    clients: [{
      username: user, password: hash.toString('base64'), salt: salt.toString('base64'), iterations,
      roles: [{ rolename: 'restricted' }]
    }],
    roles: [{
      rolename: 'restricted',
      acls: [deny('subscribePattern'), deny('publishClientSend'), deny('publishClientReceive')]
    }],
    groups: []
  }, null, 2)
}
