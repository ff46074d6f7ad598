import { randomUUID } from 'node:crypto'
import type { EventSink } from '../ports/eventSink'
import { confDocumentFile } from './confDocumentFile'
import type { DocumentFileFactory } from './documentFile'
import { createKeyFileCipher } from './keyFileCipher'
import { profilesDocumentKind } from './profileDocument'
import { ProfileLibrary } from './profileLibrary'
import { ProfileService } from './profileService'
import { PublishHistory, publishHistoryDocumentKind } from './publishHistory'
import { RequestHistory } from './requestHistory'
import type { SecretCipher } from './secretCipher'
import { StorageNotices } from './storageNotices'
import { openVersionedDocument } from './versionedDocument'

export type { DocumentFile, DocumentFileFactory } from './documentFile'
export type { SecretCipher } from './secretCipher'
export { confDocumentFile } from './confDocumentFile'
export { createKeyFileCipher } from './keyFileCipher'
export { ProfileService } from './profileService'
export { ProfileLibrary } from './profileLibrary'
export { PublishHistory } from './publishHistory'
export { RequestHistory, type SettledRequest } from './requestHistory'
export { exportProfiles, importProfiles, writeExportFile } from './profileTransfer'
export { PeerImporter } from './import/peerImporter'
export type { UserMachine } from './import/peerLocations'

/** Where profiles are kept and how secrets are sealed; the Electron entry passes electron-store + safeStorage. */
export interface ProfileStorageOptions {
  dataDir: string
  /** Defaults to conf (plain Node: headless server, tests). */
  files?: DocumentFileFactory
  /** Defaults to the key file `<dataDir>/secret.key`. */
  cipher?: SecretCipher
  emit?: EventSink
  now?: () => number
}

/** Everything saved per user: profiles (with templates), publish and request history, and notices about loading them. */
export interface ProfileServices {
  profiles: ProfileService
  history: PublishHistory
  /** MQTT 5 requests with their replies, a file per profile. */
  requests: RequestHistory
  /** What spans profiles and history (delete, history of a saved profile, export to a file). */
  library: ProfileLibrary
  notices: StorageNotices
}

/** Opens (migrating, and recovering from damage) the profile and history files in `dataDir`. */
export function createProfileServices(options: ProfileStorageOptions): ProfileServices {
  const files = options.files ?? confDocumentFile
  const cipher = options.cipher ?? createKeyFileCipher(options.dataDir)
  const now = options.now ?? Date.now
  const newId = (): string => randomUUID()
  const notices = new StorageNotices(options.emit)
  const report = (notice: Parameters<StorageNotices['add']>[0]): void => notices.add(notice, now())
  const profilesFile = openVersionedDocument(profilesDocumentKind(cipher, newId, now()), files, options.dataDir, now(), report)
  const historyFile = openVersionedDocument(publishHistoryDocumentKind, files, options.dataDir, now(), report)
  for (const notice of [...profilesFile.notices, ...historyFile.notices]) notices.add(notice, now())
  const profiles = new ProfileService({ document: profilesFile.value, save: profilesFile.save, cipher, emit: options.emit, now, newId })
  const history = new PublishHistory(historyFile.value, historyFile.save, newId, now)
  const requests = new RequestHistory(options.dataDir, files, newId, now, report)
  return { profiles, history, requests, library: new ProfileLibrary(profiles, history, requests), notices }
}
