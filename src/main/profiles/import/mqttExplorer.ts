import type { PeerSkipped } from '../../../shared/contract'
import { checkDrafts, clientPair, damagedFile, detailOf, flag, inlinePlaceholder, integer, nonEmpty, rawDraft, record, text, type InlineFile, type PeerParseResult, type RawDraft } from './peerDraft'

// MQTT Explorer's format, read from github.com/thomasnordquist/MQTT-Explorer at c8c12724f02e (2026-01-27):
// - src/electron.ts: the settings live in `<userData>/settings.json` (lowdb, backend/src/ConfigStorage.ts),
//   userData being %APPDATA%/MQTT-Explorer, ~/Library/Application Support/MQTT-Explorer, ~/.config/MQTT-Explorer.
// - app/src/actions/ConnectionManager.ts: the connections are under the key "ConnectionManager_connections",
//   an object of id → ConnectionOptions.
// - app/src/model/ConnectionOptions.ts: { configVersion: 1, type: 'mqtt', id, name, host, port, protocol: 'mqtt' | 'ws',
//   basePath?, username?, password? (in clear), encryption, certValidation, clientId?, subscriptions: {topic, qos}[],
//   selfSignedCertificate? / clientCertificate? / clientKey?: { name, data: base64 of the file } }.
//   The URL is `${protocol}://${host}:${port}/${basePath}`; encryption turns mqtt/ws into mqtts/wss.
// - app/src/actions/migrations/Connection.ts: before configVersion 1, subscriptions were plain strings (QoS 0).
// - backend/src/DataSource/MqttSource.ts: no protocolVersion is passed, so mqtt.js's default, MQTT 3.1.1, is used.

const CONNECTIONS_KEY = 'ConnectionManager_connections'
const HINT = "Choose MQTT Explorer's settings.json (in its user-data folder, for example ~/.config/MQTT-Explorer)."

const CERTIFICATES = [
  ['selfSignedCertificate', 'ca', 'server certificate (CA)'],
  ['clientCertificate', 'cert', 'client certificate'],
  ['clientKey', 'key', 'client key']
] as const

function certificate(value: unknown, kind: 'ca' | 'cert' | 'key'): InlineFile | undefined {
  const entry = record(value)
  const data = nonEmpty(entry?.['data'])
  if (!entry || data === undefined) return undefined
  const fileName = nonEmpty(entry['name'])?.replace(/[/\\]/g, '_') ?? `${kind}.pem`
  return { placeholder: inlinePlaceholder(kind, fileName), fileName, data: Buffer.from(data, 'base64') }
}

function subscriptionsOf(value: unknown): RawDraft['subscriptions'] {
  if (!Array.isArray(value)) return []
  return value.map((entry) => (typeof entry === 'string' ? { filter: entry, qos: 0 } : { filter: text(record(entry)?.['topic']) ?? '', qos: integer(record(entry)?.['qos']) ?? 0 })) as RawDraft['subscriptions']
}

function tlsOf(connection: Record<string, unknown>, notes: string[]): { tls: RawDraft['options']['tls']; inlineFiles: InlineFile[] } {
  const [ca, cert, key] = CERTIFICATES.map(([field, kind]) => certificate(connection[field], kind))
  const client = clientPair(cert, key, notes)
  return {
    tls: {
      caFiles: ca ? [ca.placeholder] : [],
      ...(client && { certFile: client.cert.placeholder, keyFile: client.key.placeholder }),
      rejectUnauthorized: flag(connection['certValidation']) ?? true
    },
    inlineFiles: [ca, client?.cert, client?.key].filter((f): f is InlineFile => f !== undefined)
  }
}

function toDraft(connection: Record<string, unknown>, id: string, skipped: PeerSkipped[]): RawDraft | undefined {
  const name = nonEmpty(connection['name'])?.trim() ?? id
  const protocol = connection['protocol']
  if ((connection['type'] ?? 'mqtt') !== 'mqtt' || (protocol !== 'mqtt' && protocol !== 'ws')) {
    skipped.push({ name, reason: `Its protocol "${String(protocol)}" is neither mqtt nor ws.`, wholeConnection: true })
    return undefined
  }
  const encrypted = flag(connection['encryption']) ?? false
  const notes: string[] = []
  const hasCertificates = CERTIFICATES.some(([field]) => record(connection[field]) !== undefined)
  if (!encrypted && hasCertificates) notes.push('Its certificates are left out: encryption is off for it, so MQTT Explorer does not use them either.')
  const secure = encrypted ? tlsOf(connection, notes) : undefined
  const basePath = (text(connection['basePath']) ?? '').replace(/^\/+/, '')
  const username = nonEmpty(connection['username'])
  const password = nonEmpty(connection['password'])
  const clientId = nonEmpty(connection['clientId'])
  return rawDraft(name, {
    sourceId: id,
    options: {
      protocol: encrypted ? (protocol === 'mqtt' ? 'mqtts' : 'wss') : protocol,
      host: text(connection['host']) ?? '',
      port: integer(connection['port']) ?? (protocol === 'mqtt' ? 1883 : 80),
      path: `/${basePath}`,
      protocolVersion: 4,
      ...(clientId !== undefined && { clientId }),
      ...(username !== undefined && { username }),
      ...(secure && { tls: secure.tls })
    },
    ...(password !== undefined && { password }),
    subscriptions: subscriptionsOf(connection['subscriptions']),
    inlineFiles: secure?.inlineFiles ?? [],
    notes
  })
}

/** MQTT Explorer's settings.json → profile drafts; throws a sentence naming the file when it is not such a file. */
export function fromMqttExplorer(json: string, fileLabel: string): PeerParseResult {
  let document: unknown
  try {
    document = JSON.parse(json)
  } catch (error) {
    throw damagedFile(fileLabel, "MQTT Explorer's settings", `it is not valid JSON: ${detailOf(error)}`, HINT)
  }
  const connections = record(record(document)?.[CONNECTIONS_KEY])
  if (!connections) throw damagedFile(fileLabel, "MQTT Explorer's settings", `it has no "${CONNECTIONS_KEY}" entry`, HINT)
  const skipped: PeerSkipped[] = []
  const raws: RawDraft[] = []
  Object.entries(connections).forEach(([id, value]) => {
    const connection = record(value)
    if (!connection) return skipped.push({ name: id, reason: 'The entry is not a connection.', wholeConnection: true })
    const draft = toDraft(connection, id, skipped)
    if (draft) raws.push(draft)
  })
  const checked = checkDrafts(raws)
  return { candidates: checked.candidates, skipped: [...skipped, ...checked.skipped] }
}
