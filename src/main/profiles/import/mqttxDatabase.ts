import Database from 'better-sqlite3'
import type { PeerSkipped } from '../../../shared/contract'
import { fromMqttxConnection } from './mqttxConnection'
import { checkDrafts, damagedFile, detailOf, record, type PeerParseResult, type RawDraft } from './peerDraft'

// MQTTX's local database, read from github.com/emqx/MQTTX at adac756302a9 (2026-08-17):
// - src/database/database.config.ts: TypeORM over SQLite, file `<userData>/MQTTX.db` (userData: %APPDATA%/MQTTX,
//   ~/Library/Application Support/MQTTX, ~/.config/MQTTX).
// - src/database/migration/1691817588169-ALPNProtocols.ts (the last change of the table): "ConnectionEntity" with
//   "id", "client_id", "name", "clean", "protocol", "host", "port", "keepalive", "connectTimeout", "reconnect",
//   "reconnectPeriod", "username", "password", "path", "certType", "ssl", "mqttVersion", "clientIdWithTime",
//   "parent_id" (→ "CollectionEntity"."name"), "orderId", "rejectUnauthorized", "ALPNProtocols", "ca", "cert", "key",
//   "isCollection", "willId" (→ "WillEntity"), "createAt", and the MQTT 5 columns "sessionExpiryInterval",
//   "receiveMaximum", "maximumPacketSize", "topicAliasMaximum", "requestResponseInformation",
//   "requestProblemInformation", "userProperties" (JSON text), "authenticationMethod", "authenticationData".
// - 1638081576988-enhanceMessageType.ts: "WillEntity" ("id", "lastWillTopic", "lastWillPayload", "lastWillQos",
//   "lastWillRetain", "willDelayInterval", "payloadFormatIndicator", "messageExpiryInterval", "contentType",
//   "responseTopic", "correlationData", "userProperties").
// - 1640846307653-topicDisabled.ts: "SubscriptionEntity" ("id", "topic", "qos", "disabled", "nl", "rap", "rh",
//   "subscriptionIdentifier", "connection_id", "createAt", ...).
// - src/database/services/ConnectionService.ts entityToModel: the MQTT 5 columns become `properties`, the will
//   columns `will.properties`, subscriptions are sorted by createAt. Booleans are stored 0/1, QoS as text.

const HINT = "Choose MQTTX.db in MQTTX's data folder (for example ~/.config/MQTTX), or export the connections from MQTTX and import that file."
const CONNECTION_PROPERTIES = ['sessionExpiryInterval', 'receiveMaximum', 'maximumPacketSize', 'topicAliasMaximum', 'requestResponseInformation', 'requestProblemInformation', 'userProperties', 'authenticationMethod', 'authenticationData']
const WILL_PROPERTIES = ['willDelayInterval', 'payloadFormatIndicator', 'messageExpiryInterval', 'contentType', 'responseTopic', 'correlationData', 'userProperties']

type Row = Record<string, unknown>

function pick(row: Row, keys: string[]): Row {
  return Object.fromEntries(keys.map((key) => [key, row[key]]))
}

function open(source: string | Uint8Array): Database.Database {
  // A path is opened read-only so a running MQTTX is not disturbed; bytes (from the browser) become an in-memory copy.
  return typeof source === 'string' ? new Database(source, { readonly: true, fileMustExist: true }) : new Database(Buffer.from(source))
}

function tableNames(db: Database.Database): Set<string> {
  return new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name))
}

/** The connections as ConnectionModel objects, the way MQTTX's entityToModel builds them. */
function readConnections(db: Database.Database): { models: Row[]; groups: (string | undefined)[] } {
  const tables = tableNames(db)
  for (const table of ['ConnectionEntity', 'SubscriptionEntity']) {
    if (!tables.has(table)) throw new Error(`it has no ${table} table, so it is not MQTTX's database`)
  }
  const connections = db.prepare('SELECT * FROM "ConnectionEntity" ORDER BY "orderId", "createAt"').all() as Row[]
  const subscriptions = db.prepare('SELECT * FROM "SubscriptionEntity" ORDER BY "createAt"').all() as Row[]
  const wills = tables.has('WillEntity') ? (db.prepare('SELECT * FROM "WillEntity"').all() as Row[]) : []
  const collections = tables.has('CollectionEntity') ? (db.prepare('SELECT "id", "name" FROM "CollectionEntity"').all() as Row[]) : []
  const willById = new Map(wills.map((w) => [w['id'], w]))
  const collectionName = new Map(collections.map((c) => [c['id'], typeof c['name'] === 'string' ? c['name'] : undefined]))
  const models = connections.map((row) => {
    const will = willById.get(row['willId'])
    return {
      ...row,
      clientId: row['client_id'],
      properties: pick(row, CONNECTION_PROPERTIES),
      will: will && { ...will, properties: pick(will, WILL_PROPERTIES) },
      subscriptions: subscriptions.filter((s) => s['connection_id'] === row['id'])
    }
  })
  return { models, groups: connections.map((row) => collectionName.get(row['parent_id'])) }
}

/** MQTTX's SQLite database (a path, opened read-only, or its bytes) → profile drafts; throws a sentence naming the file when it cannot be read. */
export function fromMqttxDatabase(source: string | Uint8Array, fileLabel: string): PeerParseResult {
  let read: ReturnType<typeof readConnections>
  let db: Database.Database | undefined
  try {
    db = open(source)
    read = readConnections(db)
  } catch (error) {
    throw damagedFile(fileLabel, "MQTTX's database", detailOf(error), HINT)
  } finally {
    db?.close()
  }
  const skipped: PeerSkipped[] = []
  const raws = read.models
    .map((model, index) => fromMqttxConnection(record(model), index, skipped, read.groups[index]))
    .filter((draft): draft is RawDraft => draft !== undefined)
  const checked = checkDrafts(raws)
  return { candidates: checked.candidates, skipped: [...skipped, ...checked.skipped] }
}
