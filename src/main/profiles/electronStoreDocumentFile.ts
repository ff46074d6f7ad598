import ElectronStore from 'electron-store'
import { join } from 'node:path'
import type { DocumentFileFactory } from './documentFile'
import { lazyDocumentFile, storeOptions } from './confDocumentFile'

/** The desktop backend: electron-store (imports electron, so only the Electron entry loads this file). */
export const electronStoreDocumentFile: DocumentFileFactory = ({ dir, name }) =>
  lazyDocumentFile(join(dir, `${name}.json`), () => new ElectronStore<Record<string, unknown>>({ ...storeOptions, cwd: dir, name }))
