import type { peerImportRequests } from '../../shared/contract'
import type { PeerImporter } from '../profiles'
import type { HandlerTable } from './handlerTable'

type PeerImportHandlers = Pick<HandlerTable, keyof typeof peerImportRequests>

/** Handlers of the import from MQTT Explorer and MQTTX: discovery (desktop only), preview, import. */
export function peerImportHandlers(importer: PeerImporter): PeerImportHandlers {
  return {
    'profile:findPeerData': () => ({ files: importer.find() }),
    'profile:previewPeerImport': ({ app, file }) => importer.preview(app, file),
    'profile:importPeerProfiles': ({ app, file, keys, passwords }) => importer.import(app, file, keys, { passwords })
  }
}
