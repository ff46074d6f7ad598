import { copyFileSync, renameSync } from 'node:fs'
import { UserFacingError, type StorageNotice } from '../../shared/contract'
import type { DocumentFile, DocumentFileFactory } from './documentFile'

/** Turns the document of one version into the next version's; keyed by the version it starts from. */
export type Migration = (document: Record<string, unknown>) => Record<string, unknown>

/** How to read one kind of versioned document. */
export interface DocumentKind<T> {
  /** Used in file names and in sentences, e.g. "profiles". */
  name: string
  version: number
  /** migrations[n] turns version n into n + 1. A document without `schemaVersion` is version 0. */
  migrations: Record<number, Migration>
  /** Reads the current version; entries that fail validation are left out and counted. */
  parse: (document: Record<string, unknown>) => { value: T; dropped: number }
  empty: () => T
  toDocument: (value: T) => Record<string, unknown>
}

/** A loaded document: its value, a way to save it, and what the user should be told about loading it. */
export interface OpenedDocument<T> {
  value: T
  save: (value: T) => void
  notices: Omit<StorageNotice, 'id' | 'at'>[]
}

/** Thrown while reading when a document is damaged; the message completes "could not be read (...)". */
export class UnreadableDocument extends Error {}

function upgrade<T>(kind: DocumentKind<T>, raw: Record<string, unknown>): { value: T; dropped: number; migrated: boolean } {
  if (Object.keys(raw).length === 0) return { value: kind.empty(), dropped: 0, migrated: false }
  const version = raw['schemaVersion'] === undefined ? 0 : raw['schemaVersion']
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) throw new UnreadableDocument('its format version is not a number')
  if (version > kind.version) throw new UnreadableDocument(`it was written by a newer version of the app (format ${version}; this version reads up to ${kind.version})`)
  let document = raw
  for (let from = version; from < kind.version; from++) {
    const migrate = kind.migrations[from]
    if (!migrate) throw new UnreadableDocument(`this version cannot convert format ${from}`)
    try {
      document = { ...migrate(document), schemaVersion: from + 1 }
    } catch (error) {
      // A refusal to seal secrets (no keychain) is not damage: the file must stay as it is.
      if (error instanceof UnreadableDocument || error instanceof UserFacingError) throw error
      throw new UnreadableDocument(`format ${from} could not be converted: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  return { ...kind.parse(document), migrated: version !== kind.version }
}

function backupName(path: string, now: number): string {
  return `${path}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}.json`
}

type Loaded<T> = ReturnType<typeof upgrade<T>> & { raw: Record<string, unknown> }

/** Reads and upgrades a file; errors other than a damaged document (e.g. no permission) stop the app with a sentence. */
function load<T>(kind: DocumentKind<T>, file: DocumentFile): Loaded<T> {
  let raw: Record<string, unknown>
  try {
    raw = file.read()
  } catch (error) {
    if (error instanceof UnreadableDocument) throw error
    if (error instanceof SyntaxError) throw new UnreadableDocument('it is not valid JSON')
    const detail = error instanceof Error ? error.message : String(error)
    throw new UserFacingError('storage', `The ${kind.name} file ${file.path} cannot be read (${detail}). Check that it belongs to you and can be read, then start again.`)
  }
  return { raw, ...upgrade(kind, raw) }
}

type Notice = OpenedDocument<unknown>['notices'][number]

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** The backup copy `<name>.last-good.json`: what it held at start-up (if readable), and a way to keep it current. */
interface LastGoodCopy<T> {
  loaded: Loaded<T> | undefined
  write: (document: Record<string, unknown>) => void
}

/**
 * Opens the backup copy. A damaged one is moved aside like the main file (it is only a copy: start-up goes on and
 * the next save writes it anew); one that cannot be read or written at all is reported, never fatal.
 */
function openLastGood<T>(kind: DocumentKind<T>, open: DocumentFileFactory, dir: string, now: number, notices: Notice[], report: (notice: Notice) => void): LastGoodCopy<T> {
  const location = { dir, name: `${kind.name}.last-good` }
  let file = open(location)
  let loaded: Loaded<T> | undefined
  try {
    loaded = load(kind, file)
  } catch (error) {
    const reason = error instanceof UnreadableDocument ? error.message : errorText(error)
    if (error instanceof UnreadableDocument) {
      const backupPath = backupName(file.path, now)
      renameSync(file.path, backupPath)
      file = open(location)
      notices.push({
        level: 'warning',
        backupPath,
        message: `The backup copy of the ${kind.name}, ${file.path}, could not be read (${reason}). It was kept as ${backupPath}, and the app keeps a new copy from now on.`
      })
    } else {
      notices.push({ level: 'warning', message: `The backup copy of the ${kind.name}, ${file.path}, cannot be read (${reason}). Check that it belongs to you; until then the ${kind.name} have no backup copy.` })
    }
  }
  let failed = false
  const write = (document: Record<string, unknown>): void => {
    try {
      file.write(document)
      failed = false
    } catch (error) {
      // The main file was written: the save succeeded. Say once that the copy is behind, not on every save.
      if (!failed) report({ level: 'warning', message: `The backup copy of the ${kind.name}, ${file.path}, could not be written (${errorText(error)}). The ${kind.name} themselves were saved.` })
      failed = true
    }
  }
  return { loaded, write }
}


/**
 * Loads a versioned document, migrating old versions. A damaged file is moved aside as
 * `<file>.corrupt-<time>.json`, and the backup copy `<name>.last-good.json` (written with every save) is used,
 * or nothing; the returned notices say so in sentences, naming the files. `report` hears of later trouble
 * with the backup copy.
 */
export function openVersionedDocument<T>(
  kind: DocumentKind<T>,
  open: DocumentFileFactory,
  dir: string,
  now = Date.now(),
  report: (notice: Notice) => void = () => undefined
): OpenedDocument<T> {
  const file = open({ dir, name: kind.name })
  const notices: OpenedDocument<T>['notices'] = []
  const lastGood = openLastGood(kind, open, dir, now, notices, report)
  const toFile = (value: T): Record<string, unknown> => ({ ...kind.toDocument(value), schemaVersion: kind.version })
  const save = (value: T): void => {
    const document = toFile(value)
    file.write(document)
    lastGood.write(document)
  }
  let loaded: Loaded<T>
  try {
    loaded = load(kind, file)
  } catch (error) {
    if (!(error instanceof UnreadableDocument)) throw error
    const backupPath = backupName(file.path, now)
    renameSync(file.path, backupPath)
    const restored = lastGood.loaded
    const recovered = restored !== undefined && Object.keys(restored.raw).length > 0
    notices.unshift({
      level: 'error',
      backupPath,
      message: `The saved ${kind.name} file ${file.path} could not be read (${error.message}). It was kept as ${backupPath}, and the app ${
        recovered ? `restored the ${kind.name} from their backup copy, as they were at the last save` : `started with no saved ${kind.name}`
      }.`
    })
    const value = recovered ? restored.value : kind.empty()
    save(value)
    return { value, save, notices }
  }
  if (loaded.dropped > 0) {
    // A file from before a migration may hold secrets in clear: it is not copied.
    const backupPath = loaded.migrated ? undefined : backupName(file.path, now)
    if (backupPath) copyFileSync(file.path, backupPath)
    const count = `${loaded.dropped} saved ${loaded.dropped === 1 ? 'entry' : 'entries'} in the ${kind.name} file could not be read and ${loaded.dropped === 1 ? 'was' : 'were'} left out.`
    notices.push({ level: 'warning', ...(backupPath && { backupPath }), message: backupPath ? `${count} The original file was kept as ${backupPath}.` : count })
  }
  if (loaded.migrated || loaded.dropped > 0) file.write(toFile(loaded.value))
  if (Object.keys(loaded.raw).length > 0) lastGood.write(toFile(loaded.value))
  return { value: loaded.value, save, notices }
}
