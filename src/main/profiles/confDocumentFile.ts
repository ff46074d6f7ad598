import Conf from 'conf'
import { join } from 'node:path'
import type { DocumentFile, DocumentFileFactory } from './documentFile'
import { parseWithBytes, stringifyWithBytes } from './jsonBytes'
import { UnreadableDocument } from './versionedDocument'

type Store = Record<string, unknown>

/** Options shared by conf and electron-store (which extends conf). */
export const storeOptions = {
  fileExtension: 'json',
  accessPropertiesByDotNotation: false,
  clearInvalidConfig: false,
  configFileMode: 0o600,
  serialize: (value: Store) => stringifyWithBytes(value, 2),
  deserialize: (text: string): Store => {
    const value = parseWithBytes(text)
    // conf would turn an array or null into an empty object, and the next save would erase the file.
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UnreadableDocument('it does not hold a JSON object')
    return value as Store
  }
} as const

/**
 * Wraps a conf-like store. The store is created on first read because its constructor already parses the
 * file and throws on a corrupt one; the caller then sets the file aside and reads again.
 */
export function lazyDocumentFile(path: string, create: () => Conf<Store>): DocumentFile {
  let store: Conf<Store> | undefined
  const open = (): Conf<Store> => (store ??= create())
  return {
    path,
    read: () => ({ ...open().store }),
    write: (value) => {
      open().store = value
    }
  }
}

/** The Node backend (headless server and tests): conf writing `<dir>/<name>.json`. */
export const confDocumentFile: DocumentFileFactory = ({ dir, name }) =>
  lazyDocumentFile(join(dir, `${name}.json`), () => new Conf<Store>({ ...storeOptions, cwd: dir, configName: name, projectName: 'brokerscope' }))
