import { createReadStream } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { extname, join, relative, sep } from 'node:path'
import { acceptsGzip, COMPRESSIBLE, GzipCache } from './gzipCache'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8'
}

interface StaticFile {
  path: string
  size: number
  contentType: string
  /** Vite names files under assets/ by content hash, so they never change under the same URL. */
  immutable: boolean
  compressible: boolean
}

/** Serves exactly the files that were in the built renderer at start-up; nothing else is reachable. */
export interface StaticFiles {
  /** Answers GET/HEAD for a known file and returns true; returns false when the path names no file. */
  serve(request: IncomingMessage, response: ServerResponse, headers: OutgoingHttpHeaders): boolean
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

/** Decoded URL path, or undefined for malformed escapes, NUL bytes and backslashes (never valid here). */
function decodePath(url: string | undefined): string | undefined {
  const raw = (url ?? '/').split(/[?#]/, 1)[0] as string
  try {
    const path = decodeURIComponent(raw)
    return path.includes('\0') || path.includes('\\') ? undefined : path
  } catch {
    return undefined
  }
}

/**
 * Builds an allow-list of the renderer's files keyed by URL path. Looking a request up in it (instead of joining
 * the request path onto the directory) means `..`, encoded slashes and symlink tricks cannot reach other files.
 */
export async function loadStaticFiles(rootDir: string): Promise<StaticFiles> {
  const files = new Map<string, StaticFile>()
  for (const path of await listFiles(rootDir)) {
    const urlPath = '/' + relative(rootDir, path).split(sep).join('/')
    const { size } = await stat(path)
    const extension = extname(path).toLowerCase()
    const contentType = CONTENT_TYPES[extension] ?? 'application/octet-stream'
    files.set(urlPath, { path, size, contentType, immutable: urlPath.startsWith('/assets/'), compressible: COMPRESSIBLE.has(extension) })
  }
  const index = files.get('/index.html')
  if (!index) throw new Error(`The built renderer is missing: ${join(rootDir, 'index.html')} does not exist. Run "npm run build" first.`)
  files.set('/', index)
  const gzipped = new GzipCache()

  return {
    serve(request, response, headers) {
      const path = decodePath(request.url)
      const file = path === undefined ? undefined : files.get(path)
      if (!file) return false
      const common = {
        ...headers,
        'Content-Type': file.contentType,
        'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...(file.compressible ? { Vary: 'Accept-Encoding' } : {})
      }
      if (file.compressible && acceptsGzip(request.headers['accept-encoding'])) {
        gzipped.get(file.path).then(
          (body) => {
            response.writeHead(200, { ...common, 'Content-Encoding': 'gzip', 'Content-Length': body.length })
            response.end(request.method === 'HEAD' ? undefined : body)
          },
          () => response.destroy()
        )
        return true
      }
      response.writeHead(200, { ...common, 'Content-Length': file.size })
      if (request.method === 'HEAD') {
        response.end()
        return true
      }
      createReadStream(file.path)
        .on('error', () => response.destroy())
        .pipe(response)
      return true
    }
  }
}
