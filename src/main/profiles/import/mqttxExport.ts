import { parse as parseYaml } from 'yaml'
import type { PeerSkipped } from '../../../shared/contract'
import { fromMqttxConnection } from './mqttxConnection'
import { checkDrafts, damagedFile, detailOf, type PeerParseResult, type RawDraft } from './peerDraft'

// MQTTX's export files, read from github.com/emqx/MQTTX at adac756302a9 (2026-08-17):
// - src/main/streamExportData.ts: JSON is an array of ConnectionModel (each with its messages) written by
//   utils/jsonStreamWriter.ts; YAML is js-yaml's dump of the same array.
// - src/components/ImportData.vue: on import a JSON file may also hold a single connection object
//   (getJSONData), and a file is refused unless each connection has clientId, name, host and port.
// The fields of one connection are mapped in mqttxConnection.ts. XML, CSV and Excel exports are not read here.

const HINT = 'Choose a file MQTTX exported as JSON or YAML (Export Data in MQTTX).'

/** JSON or YAML, told apart by the first character (MQTTX's JSON export is an array or one object). */
export function exportFormatOf(content: string): 'JSON' | 'YAML' {
  return /^\s*[[{]/.test(content) ? 'JSON' : 'YAML'
}

/** An MQTTX export (JSON or YAML) → profile drafts; throws a sentence naming the file when it cannot be read. */
export function fromMqttxExport(content: string, fileLabel: string): PeerParseResult {
  const json = exportFormatOf(content) === 'JSON'
  let document: unknown
  try {
    document = json ? JSON.parse(content) : parseYaml(content)
  } catch (error) {
    throw damagedFile(fileLabel, 'an MQTTX export', `it is not valid ${json ? 'JSON' : 'YAML'}: ${detailOf(error)}`, HINT)
  }
  const entries = Array.isArray(document) ? document : document !== null && typeof document === 'object' ? [document] : undefined
  if (!entries || !entries.some((entry) => entry !== null && typeof entry === 'object' && 'host' in entry)) {
    throw damagedFile(fileLabel, 'an MQTTX export', 'it holds no connections', HINT)
  }
  const skipped: PeerSkipped[] = []
  const raws = entries.map((entry, index) => fromMqttxConnection(entry, index, skipped)).filter((draft): draft is RawDraft => draft !== undefined)
  const checked = checkDrafts(raws)
  return { candidates: checked.candidates, skipped: [...skipped, ...checked.skipped] }
}
