import type { Subscription } from './connection'
import type { ProfileConnectionOptions } from './profiles'

/** A place in a profile where a problem was found, and the sentence to show there. */
export interface ProfileIssue {
  path: (string | number)[]
  message: string
}

const TLS_ONLY = 'TLS settings apply only to mqtts:// and wss:// connections. Switch the protocol to mqtts or wss, or clear the TLS fields.'

function hasTlsContent(tls: ProfileConnectionOptions['tls']): boolean {
  if (!tls) return false
  return (
    tls.caFiles.length > 0 ||
    tls.certFile !== undefined ||
    tls.keyFile !== undefined ||
    tls.servername !== undefined ||
    tls.alpnProtocols.length > 0 ||
    tls.keyLogFile !== undefined ||
    !tls.rejectUnauthorized
  )
}

/**
 * Rules that span fields (one field alone cannot tell): TLS only with mqtts/wss, a client certificate
 * needs its key, MQTT 5 settings need MQTT 5. The UI shows these beside the fields while editing.
 */
export function profileIssues(
  options: ProfileConnectionOptions,
  subscriptions: Subscription[] = [],
  secrets: { keyPassphrase?: boolean; proxyPassword?: boolean } = {}
): ProfileIssue[] {
  const issues: ProfileIssue[] = []
  const secure = options.protocol === 'mqtts' || options.protocol === 'wss'
  if (!secure && (hasTlsContent(options.tls) || secrets.keyPassphrase)) issues.push({ path: ['options', 'tls'], message: TLS_ONLY })
  const tls = options.tls
  if (tls && (tls.certFile === undefined) !== (tls.keyFile === undefined)) {
    issues.push({
      path: ['options', 'tls', tls.certFile === undefined ? 'certFile' : 'keyFile'],
      message: 'A client certificate needs both the certificate file and its key file.'
    })
  }
  if (tls?.keyLogFile !== undefined && options.protocol === 'wss') {
    issues.push({ path: ['options', 'tls', 'keyLogFile'], message: 'The TLS key log works on mqtts:// connections only (the WebSocket library keeps its TLS socket to itself). Use mqtts, or clear the key log file.' })
  }
  if (secrets.proxyPassword && options.proxy?.username === undefined) {
    issues.push({ path: ['options', 'proxy', 'username'], message: 'A proxy password needs a proxy user name. Enter the user name, or clear the proxy password.' })
  }
  if ((options.protocol === 'ws' || options.protocol === 'wss') && !options.path.startsWith('/')) {
    issues.push({ path: ['options', 'path'], message: 'The WebSocket path must start with "/", for example /mqtt.' })
  }
  if (options.protocolVersion !== 5) {
    if (options.sessionExpiryInterval !== undefined) {
      issues.push({ path: ['options', 'sessionExpiryInterval'], message: 'Session expiry is an MQTT 5.0 setting. Choose MQTT 5.0 or clear it.' })
    }
    if (options.will?.properties !== undefined) {
      issues.push({ path: ['options', 'will', 'properties'], message: 'Last-will properties need MQTT 5.0. Choose MQTT 5.0 or remove them.' })
    }
    subscriptions.forEach((s, index) => {
      if (s.noLocal || s.retainAsPublished || (s.retainHandling ?? 0) !== 0) {
        issues.push({
          path: ['subscriptions', index],
          message: `The subscription "${s.filter}" uses MQTT 5.0 options (no local, retain as published, retain handling). Choose MQTT 5.0 or turn them off.`
        })
      }
    })
  }
  return issues
}
