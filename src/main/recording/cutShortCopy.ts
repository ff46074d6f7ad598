import { closeSync, copyFileSync, openSync, readSync, statSync, truncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'

/**
 * SQLite refuses a file shorter than its header says. A copy padded with zeros to that length opens, and every
 * page that was written reads as before; reading stops at the first missing one. Null when the file is not such.
 */
export function cutShortCopy(path: string): string | null {
  const header = Buffer.alloc(100)
  const fd = openSync(path, 'r')
  try {
    if (readSync(fd, header, 0, 100, 0) < 100 || header.toString('latin1', 0, 15) !== 'SQLite format 3') return null
  } finally {
    closeSync(fd)
  }
  const raw = header.readUInt16BE(16)
  const pageSize = raw === 1 ? 65_536 : raw
  const expected = pageSize * header.readUInt32BE(28)
  if (statSync(path).size >= expected) return null
  const copy = join(tmpdir(), `brokerscope-${process.pid}-${Date.now()}-${basename(path)}`)
  copyFileSync(path, copy)
  truncateSync(copy, expected)
  return copy
}
