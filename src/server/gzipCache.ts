import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'

const gzipAsync = promisify(gzip)

/** Extensions worth compressing (text and wasm; images and fonts are compressed already). */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.wasm'])

/** True when an Accept-Encoding header allows gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0)
  })
}

/**
 * Gzipped copies of the renderer's files, made on first request and kept: the build does not change while the
 * server runs, and the editor's bundles shrink to about a fifth, which matters on a gateway's Wi-Fi.
 */
export class GzipCache {
  private readonly entries = new Map<string, Promise<Buffer>>()

  get(path: string): Promise<Buffer> {
    let entry = this.entries.get(path)
    if (!entry) {
      entry = readFile(path).then((bytes) => gzipAsync(bytes))
      this.entries.set(path, entry)
      entry.catch(() => this.entries.delete(path))
    }
    return entry
  }
}
