import { randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, isAbsolute, join } from 'node:path'
import { MAX_PEER_FILE_BYTES, UserFacingError, type PeerApp, type PeerDataFile, type PeerFile, type PeerPreview, type Profile } from '../../../shared/contract'
import type { ProfileService } from '../profileService'
import { fromMqttExplorer } from './mqttExplorer'
import { fromMqttxDatabase } from './mqttxDatabase'
import { exportFormatOf, fromMqttxExport } from './mqttxExport'
import { damagedFile, detailOf, type PeerParseResult, type ProfileDraft } from './peerDraft'
import { findPeerData, type UserMachine } from './peerLocations'

const SQLITE_MAGIC = 'SQLite format 3\u0000'

interface Parsed extends PeerParseResult {
  kind: string
}

/** The first bytes of a file on disk, enough to tell a SQLite database from text. */
function headOf(path: string): string {
  const fd = openSync(path, 'r')
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length)
    const length = readSync(fd, head, 0, head.length, 0)
    return head.subarray(0, length).toString('latin1')
  } finally {
    closeSync(fd)
  }
}

function checkPath(path: string): void {
  if (!isAbsolute(path)) throw new UserFacingError('invalid-argument', `"${path}" is not a full path. Choose the file again.`)
  let size: number
  try {
    size = statSync(path).size
  } catch (error) {
    throw new UserFacingError('file-unreadable', `${path} could not be opened (${detailOf(error)}), so nothing was imported. Check that the file is still there.`)
  }
  if (size > MAX_PEER_FILE_BYTES) throw new UserFacingError('invalid-argument', `${path} is larger than ${MAX_PEER_FILE_BYTES / 1024 / 1024} MB, so it is not read. Choose the settings, export or database file itself.`)
}

/** Reads the file as the chosen app's format: MQTTX files are its database when they start like SQLite, else an export. */
function readPeerFile(app: PeerApp, file: PeerFile): Parsed {
  const label = 'path' in file ? file.path : file.name
  if ('path' in file) checkPath(file.path)
  // TextDecoder drops a byte-order mark, which JSON.parse would refuse; readFileSync keeps it, so it is removed here too.
  const readText = (): string => ('path' in file ? readFileSync(file.path, 'utf8').replace(/^\uFEFF/, '') : new TextDecoder().decode(file.bytes))
  const head = 'path' in file ? headOf(file.path) : Buffer.from(file.bytes.subarray(0, SQLITE_MAGIC.length)).toString('latin1')
  if (app === 'mqtt-explorer') {
    if (head === SQLITE_MAGIC) throw damagedFile(label, "MQTT Explorer's settings", 'it is a SQLite database, as MQTTX keeps', 'Choose MQTTX as the app it comes from, or MQTT Explorer\'s settings.json.')
    return { kind: 'MQTT Explorer settings', ...fromMqttExplorer(readText(), label) }
  }
  if (head === SQLITE_MAGIC) return { kind: 'MQTTX database', ...fromMqttxDatabase('path' in file ? file.path : file.bytes, label) }
  const content = readText()
  return { kind: `MQTTX export (${exportFormatOf(content)})`, ...fromMqttxExport(content, label) }
}

/** A file name safe to write: no folders, no odd characters. */
function safeFileName(name: string): string {
  return basename(name).replace(/[^\w.-]/g, '_').slice(-100) || 'certificate.pem'
}

/** Imports connections of MQTT Explorer and MQTTX: finds their files (desktop only), previews, and saves the chosen ones. */
export class PeerImporter {
  /**
   * @param certificateDir where certificates kept inside the other app's file are written as files
   * @param machine the user's machine for discovery; absent in headless mode, where main's disk is not the user's
   */
  constructor(
    private readonly profiles: ProfileService,
    private readonly certificateDir: string,
    private readonly machine: UserMachine | undefined
  ) {}

  get canDiscover(): boolean {
    return this.machine !== undefined
  }

  find(): PeerDataFile[] {
    if (!this.machine) {
      throw new UserFacingError('unsupported', "Looking for other apps' files works in the desktop app only; choose the file instead.")
    }
    return findPeerData(this.machine.platform, this.machine.env, this.machine.homedir)
  }

  preview(app: PeerApp, file: PeerFile): PeerPreview {
    const { kind, candidates, skipped } = this.parse(app, file)
    return {
      app,
      kind,
      candidates: candidates.map((draft) => ({
        key: draft.key,
        name: draft.name,
        options: draft.options,
        subscriptions: draft.subscriptions,
        ...(draft.group && { group: draft.group }),
        hasPassword: draft.password !== undefined && draft.password !== null,
        inlineFiles: draft.inlineFiles.map((f) => f.fileName)
      })),
      skipped
    }
  }

  /** Reads the file again (the preview carried no passwords), writes inline certificates, saves the chosen profiles in one write; `passwords: false` leaves the passwords out. */
  import(app: PeerApp, file: PeerFile, keys: string[], { passwords }: { passwords: boolean }): { imported: Profile[]; profiles: Profile[] } {
    const { candidates } = this.parse(app, file)
    const chosen = [...new Set(keys)].map((key) => {
      const draft = candidates.find((candidate) => candidate.key === key)
      if (!draft) throw new UserFacingError('not-found', 'A chosen connection is no longer in the file (it may have changed), so nothing was imported. Preview the file again.')
      return passwords ? draft : { ...draft, password: undefined }
    })
    const written: string[] = []
    try {
      const entries = chosen.map((draft) => ({ args: this.withCertificateFiles(draft, written), templates: [] }))
      const imported = this.profiles.addMany(entries)
      return { imported, profiles: this.profiles.list() }
    } catch (error) {
      for (const path of written) rmSync(path, { force: true })
      const sealing = passwords && error instanceof UserFacingError && error.code === 'storage' && chosen.some((draft) => draft.password)
      throw sealing ? new UserFacingError('storage', `Nothing was imported. ${error.message} To import without the passwords, untick "Save the passwords found".`) : error
    }
  }

  /** Paths are read only on the user's own machine: in headless mode they would name the server's files, and error sentences quote what they hold. */
  private parse(app: PeerApp, file: PeerFile): Parsed {
    if ('path' in file && !this.machine) {
      throw new UserFacingError('unsupported', 'In headless mode the file is read by the browser: use "Choose file…" rather than a path on the server.')
    }
    return readPeerFile(app, file)
  }

  /** The draft with each inline certificate written to a file of its own (owner-readable only) and its path in place of the placeholder. */
  private withCertificateFiles(draft: ProfileDraft, written: string[]): Parameters<ProfileService['addMany']>[0][number]['args'] {
    const { inlineFiles, key: _key, ...args } = draft
    if (inlineFiles.length === 0 || !args.options.tls) return args
    mkdirSync(this.certificateDir, { recursive: true })
    const pathOf = new Map<string, string>()
    for (const file of inlineFiles) {
      const path = join(this.certificateDir, `${randomBytes(4).toString('hex')}-${safeFileName(file.fileName)}`)
      try {
        writeFileSync(path, file.data, { mode: 0o600, flag: 'wx' })
      } catch (error) {
        throw new UserFacingError('storage', `The certificate ${file.fileName} of "${draft.name}" could not be saved in ${this.certificateDir} (${detailOf(error)}), so nothing was imported. Check that the app's data folder is writable.`)
      }
      written.push(path)
      pathOf.set(file.placeholder, path)
    }
    const tls = args.options.tls
    const swap = (path: string | undefined): string | undefined => (path === undefined ? undefined : (pathOf.get(path) ?? path))
    return {
      ...args,
      options: {
        ...args.options,
        tls: { ...tls, caFiles: tls.caFiles.map((p) => swap(p) ?? p), ...(tls.certFile && { certFile: swap(tls.certFile) }), ...(tls.keyFile && { keyFile: swap(tls.keyFile) }) }
      }
    }
  }
}
