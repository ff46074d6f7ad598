/** One JSON object kept in a file by a storage library (conf in Node, electron-store in the desktop app). */
export interface DocumentFile {
  /** Absolute path of the file, named in notices to the user. */
  readonly path: string
  /** The stored object; an empty object when the file does not exist. Throws when the file cannot be parsed. */
  read(): Record<string, unknown>
  /** Replaces the stored object (atomically, readable by the owner only). */
  write(value: Record<string, unknown>): void
}

/** Opens `<dir>/<name>.json` with one storage backend. */
export type DocumentFileFactory = (location: { dir: string; name: string }) => DocumentFile
