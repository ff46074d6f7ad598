import type { PeerSkipped } from '../../../shared/contract'
import { clientPair, flag, integer, nonEmpty, rawDraft, record, text, type RawDraft } from './peerDraft'

// One MQTTX connection (its ConnectionModel, as the export files hold it and as mqttxDatabase.ts rebuilds it
// from the tables) → a profile draft. Read from github.com/emqx/MQTTX at adac756302a9 (2026-08-17):
// - src/types/global.d.ts ConnectionModel: name, clientId, clientIdWithTime, clean, protocol ('mqtt' | 'mqtts' | 'ws' | 'wss'),
//   ssl, host, port, path, keepalive (s), connectTimeout (s), reconnect, reconnectPeriod (ms), username, password
//   (in clear), mqttVersion ('3.1' | '3.1.1' | '5.0'), certType ('' | 'server' | 'self'), ca / cert / key (file paths),
//   rejectUnauthorized, ALPNProtocols ("h2,mqtt" or "[h2, mqtt]"), will { lastWillTopic, lastWillPayload, lastWillQos,
//   lastWillRetain, properties { willDelayInterval, payloadFormatIndicator, messageExpiryInterval, contentType,
//   responseTopic, correlationData, userProperties } }, properties { sessionExpiryInterval, receiveMaximum,
//   maximumPacketSize, topicAliasMaximum, requestResponseInformation, requestProblemInformation, userProperties,
//   authenticationMethod, authenticationData }, subscriptions [{ topic, qos, disabled, nl, rap, rh, subscriptionIdentifier }].
// - src/utils/mqttUtils.ts getClientOptions / getMQTTProtocol: TLS settings apply only with ssl; certType 'self'
//   reads ca/cert/key from those paths; reconnect = false means reconnectPeriod 0; connectTimeout is seconds;
//   MQTT 5 connect properties and will properties are sent only with MQTT 5.0.

const VERSIONS: Record<string, 3 | 4 | 5> = { '3.1': 3, '3.1.1': 4, '5.0': 5, '5': 5 }
const PROTOCOLS = ['mqtt', 'mqtts', 'ws', 'wss'] as const
type Protocol = (typeof PROTOCOLS)[number]

/** MQTT 5 connect properties MQTTX can send that a profile has no field for. */
const UNMAPPED_PROPERTIES: [string, string][] = [
  ['receiveMaximum', 'Receive Maximum'],
  ['maximumPacketSize', 'Maximum Packet Size'],
  ['topicAliasMaximum', 'Topic Alias Maximum'],
  ['requestResponseInformation', 'Request Response Information'],
  ['requestProblemInformation', 'Request Problem Information'],
  ['userProperties', 'User Properties'],
  ['authenticationMethod', 'Authentication Method (enhanced authentication)']
]

/** Whether MQTTX has a value there: the database keeps objects as JSON text, so "{}" and "null" count as unset. */
function isSet(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false
  const parsed = typeof value === 'string' && /^[[{n]/.test(value) ? safeJson(value) : value
  if (parsed === null) return false
  const object = record(parsed)
  return object === undefined || Object.keys(object).length > 0
}

function protocolOf(connection: Record<string, unknown>): Protocol {
  const given = connection['protocol']
  if (PROTOCOLS.includes(given as Protocol)) return given as Protocol
  return flag(connection['ssl']) ? 'mqtts' : 'mqtt'
}

/** User properties as MQTTX keeps them ({ key: value | value[] }) → ordered pairs. */
function userPairs(value: unknown): [string, string][] | undefined {
  const object = record(typeof value === 'string' ? safeJson(value) : value)
  if (!object) return undefined
  const pairs = Object.entries(object).flatMap(([key, v]) => (Array.isArray(v) ? v : [v]).map((item): [string, string] => [key, String(item)]))
  return pairs.length > 0 ? pairs : undefined
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value)
  } catch {
    return undefined
  }
}

function bytes(value: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (value instanceof Uint8Array) return new Uint8Array(value)
  const s = nonEmpty(value)
  return s === undefined ? undefined : new TextEncoder().encode(s)
}

function tlsOf(connection: Record<string, unknown>, notes: string[]): RawDraft['options']['tls'] {
  const alpn = (text(connection['ALPNProtocols']) ?? '').replace(/[[\] ]/g, '').split(',').filter(Boolean)
  const own = connection['certType'] === 'self'
  const ca = own ? nonEmpty(connection['ca']) : undefined
  const client = own ? clientPair(nonEmpty(connection['cert']), nonEmpty(connection['key']), notes) : undefined
  return {
    caFiles: ca ? [ca] : [],
    ...(client && { certFile: client.cert, keyFile: client.key }),
    rejectUnauthorized: flag(connection['rejectUnauthorized']) ?? true,
    alpnProtocols: alpn
  }
}

function willOf(value: unknown, v5: boolean, notes: string[]): RawDraft['options']['will'] {
  const will = record(value)
  const topic = nonEmpty(will?.['lastWillTopic'])
  if (!will || topic === undefined) return undefined
  const props = record(will['properties']) ?? {}
  const delay = integer(props['willDelayInterval'])
  const expiry = integer(props['messageExpiryInterval'])
  const format = flag(props['payloadFormatIndicator'])
  const contentType = nonEmpty(props['contentType'])
  const responseTopic = nonEmpty(props['responseTopic'])
  const correlationData = bytes(props['correlationData'])
  const userProperties = userPairs(props['userProperties'])
  const properties = {
    ...(delay !== undefined && { willDelayInterval: delay }),
    ...(expiry !== undefined && { messageExpiryInterval: expiry }),
    ...(format !== undefined && { payloadFormatIndicator: format }),
    ...(contentType !== undefined && { contentType }),
    ...(responseTopic !== undefined && { responseTopic }),
    ...(correlationData !== undefined && { correlationData }),
    ...(userProperties !== undefined && { userProperties })
  }
  const hasProperties = Object.keys(properties).length > 0
  if (hasProperties && !v5) notes.push('Its last-will properties are left out: they need MQTT 5.0 and the connection uses an older version (MQTTX does not send them either).')
  return {
    topic,
    payload: new TextEncoder().encode(text(will['lastWillPayload']) ?? ''),
    qos: (integer(will['lastWillQos']) ?? 0) as 0 | 1 | 2,
    retain: flag(will['lastWillRetain']) ?? false,
    ...(hasProperties && v5 && { properties })
  }
}

function subscriptionsOf(value: unknown, v5: boolean, notes: string[]): RawDraft['subscriptions'] {
  if (!Array.isArray(value)) return []
  const subscriptions: RawDraft['subscriptions'] = []
  for (const entry of value.map(record)) {
    const filter = text(entry?.['topic'])
    if (!entry || filter === undefined) continue
    if (flag(entry['disabled'])) {
      notes.push(`The subscription "${filter}" is left out: it is turned off in MQTTX, and a profile has no turned-off subscriptions.`)
      continue
    }
    if (v5 && isSet(entry['subscriptionIdentifier'])) notes.push(`The subscription identifier of "${filter}" is left out: a profile has no field for it.`)
    const retainHandling = integer(entry['rh'])
    subscriptions.push({
      filter,
      qos: (integer(entry['qos']) ?? 0) as 0 | 1 | 2,
      ...(v5 && flag(entry['nl']) && { noLocal: true }),
      ...(v5 && flag(entry['rap']) && { retainAsPublished: true }),
      ...(v5 && (retainHandling === 1 || retainHandling === 2) && { retainHandling })
    })
  }
  return subscriptions
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

/** One MQTTX connection → a raw draft, or the reason it cannot be one (pushed to `skipped`). */
export function fromMqttxConnection(value: unknown, index: number, skipped: PeerSkipped[], group?: string): RawDraft | undefined {
  const connection = record(value)
  const name = nonEmpty(connection?.['name'])?.trim() ?? `Connection ${index + 1}`
  if (!connection) {
    skipped.push({ name, reason: 'The entry is not a connection.', wholeConnection: true })
    return undefined
  }
  const versionText = text(connection['mqttVersion']) ?? '3.1.1'
  const protocolVersion = VERSIONS[versionText]
  if (protocolVersion === undefined) {
    skipped.push({ name, reason: `Its MQTT version "${versionText}" is not 3.1, 3.1.1 or 5.0.`, wholeConnection: true })
    return undefined
  }
  const v5 = protocolVersion === 5
  const notes: string[] = []
  const protocol = protocolOf(connection)
  const secure = protocol === 'mqtts' || protocol === 'wss'
  const properties = record(connection['properties']) ?? {}
  if (v5) {
    for (const [field, label] of UNMAPPED_PROPERTIES) {
      if (isSet(properties[field])) notes.push(`Its MQTT 5 connect property "${label}" is left out: a profile has no field for it.`)
    }
  }
  if (flag(connection['clientIdWithTime'])) notes.push('MQTTX adds the time to its client id at each connect; here the client id is used as it is.')
  const sessionExpiry = v5 ? integer(properties['sessionExpiryInterval']) : undefined
  const connectSeconds = integer(connection['connectTimeout'])
  const reconnectPeriod = integer(connection['reconnectPeriod'])
  const path = text(connection['path']) ?? '/mqtt'
  const clientId = nonEmpty(connection['clientId'])
  const username = nonEmpty(connection['username'])
  const password = nonEmpty(connection['password'])
  const will = willOf(connection['will'], v5, notes)
  const sourceId = nonEmpty(connection['id'])
  return rawDraft(name, {
    ...(sourceId !== undefined && { sourceId }),
    options: {
      protocol,
      host: text(connection['host']) ?? '',
      port: integer(connection['port']) ?? 0,
      path: path.startsWith('/') ? path : `/${path}`,
      protocolVersion,
      ...(clientId !== undefined && { clientId }),
      clean: flag(connection['clean']) ?? true,
      keepaliveSeconds: clamp(integer(connection['keepalive']) ?? 60, 0, 65535),
      ...(sessionExpiry !== undefined && sessionExpiry > 0 && { sessionExpiryInterval: sessionExpiry }),
      ...(connectSeconds !== undefined && { connectTimeoutMs: clamp(connectSeconds * 1000, 100, 600_000) }),
      reconnectPeriodMs: flag(connection['reconnect']) === false ? 0 : clamp(reconnectPeriod ?? 4000, 0, 600_000),
      ...(username !== undefined && { username }),
      ...(secure && { tls: tlsOf(connection, notes) }),
      ...(will && { will })
    },
    ...(password !== undefined && { password }),
    subscriptions: subscriptionsOf(connection['subscriptions'], v5, notes),
    ...(group !== undefined && { group }),
    notes
  })
}
