import { readFile, realpath } from 'node:fs/promises'
import { extname, join, sep } from 'node:path'

/** The packaged renderer is served from app://brokerscope/ (registered as standard and secure before ready). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'brokerscope'
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm'
}

/** The MIME type the handler sends for a file name; unknown kinds go as bytes, which the page will not run. */
export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/** Where an app:// URL points inside `root`, or why not: the path is decoded once and confined to `root`. */
export async function resolveAppFile(url: string, root: string): Promise<{ path: string } | { status: 400 | 403 | 404 }> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { status: 400 }
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { status: 403 }
  // Encoded separators would let one segment hide a path; nothing we ship has them in its name.
  if (/%2f|%5c/i.test(parsed.pathname)) return { status: 403 }
  let pathname: string
  try {
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return { status: 400 }
  }
  const segments = pathname.split('/').filter((segment) => segment !== '')
  if (segments.some((segment) => segment === '..' || segment === '.' || segment.includes('\\') || segment.includes('\0'))) return { status: 403 }
  const rootReal = await realpath(root)
  let real: string
  try {
    real = await realpath(join(rootReal, ...(segments.length > 0 ? segments : ['index.html'])))
  } catch {
    return { status: 404 }
  }
  // A symlink inside the folder must not lead out of it.
  if (!real.startsWith(rootReal + sep)) return { status: 403 }
  return { path: real }
}

const REASONS = { 400: 'Bad request', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed' } as const

/** The protocol.handle() handler: files of `root` with their MIME type and the window's CSP as a header. */
export function createAppProtocolHandler(root: string, contentSecurityPolicy: string): (request: Request) => Promise<Response> {
  const headers = (contentType: string): Record<string, string> => ({
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff'
  })
  const refuse = (status: keyof typeof REASONS): Response => new Response(REASONS[status], { status, headers: headers('text/plain; charset=utf-8') })
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405)
    const resolved = await resolveAppFile(request.url, root)
    if ('status' in resolved) return refuse(resolved.status)
    let body: Buffer
    try {
      body = await readFile(resolved.path)
    } catch {
      return refuse(404)
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headers(mimeTypeOf(resolved.path)) })
  }
}
