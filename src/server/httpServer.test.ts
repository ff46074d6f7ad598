import { request } from 'node:http'
import { mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { gunzipSync } from 'node:zlib'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attemptSocket } from '../../tests/support/wireClient'
import { WIRE_PROTOCOL } from '../shared/wire/codec'
import { startHeadless, type Headless } from './headless'

const SECRET = 'secret-outside-the-renderer'

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A request with the path sent exactly as written (fetch would normalize `..` away). */
function raw(origin: string, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const url = new URL(origin)
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

function rawBytes(origin: string, path: string, headers: Record<string, string>): Promise<{ headers: RawResponse['headers']; body: Buffer }> {
  const url = new URL(origin)
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

async function fixtureSite(root: string): Promise<string> {
  const renderer = join(root, 'site', 'renderer')
  await mkdir(join(renderer, 'assets'), { recursive: true })
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>app</title>')
  await writeFile(join(renderer, 'assets', 'app-1234.js'), 'console.log(1)')
  await writeFile(join(renderer, 'assets', 'style.css'), 'body{}')
  await writeFile(join(root, 'site', 'secret.txt'), SECRET)
  await symlink(join(root, 'site', 'secret.txt'), join(renderer, 'link.txt'))
  return renderer
}

describe('headless server over HTTP', () => {
  let root: string
  let rendererDir: string
  let server: Headless

  const start = (): Promise<Headless> =>
    startHeadless({ host: '127.0.0.1', port: 0, dataDir: join(root, 'data'), rendererDir, env: {}, allowedHosts: ['explorer.example'] })

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'headless-http-'))
    rendererDir = await fixtureSite(root)
    server = await start()
  })
  afterAll(async () => {
    await server?.stop()
    await rm(root, { recursive: true, force: true })
  })

  it('generates a token at first start, kept in the data directory for the user only', async () => {
    expect(server.token.source).toBe('generated')
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token.value}`)
    expect((await stat(join(root, 'data', 'server-token'))).mode & 0o777).toBe(0o600)
    expect((await stat(join(root, 'data'))).mode & 0o777).toBe(0o700)
  })

  it('serves the page with a strict CSP and the right content types', async () => {
    const page = await raw(server.origin, '/?token=x')
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`)
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    const script = await raw(server.origin, '/assets/app-1234.js')
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(script.headers['cache-control']).toContain('immutable')
    expect((await raw(server.origin, '/assets/style.css')).headers['content-type']).toBe('text/css; charset=utf-8')
    expect((await raw(server.origin, '/missing.js')).status).toBe(404)
  })

  it('gzips text assets for clients that accept it, and only for them', async () => {
    const plain = await raw(server.origin, '/assets/app-1234.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers['vary']).toBe('Accept-Encoding')
    const zipped = await rawBytes(server.origin, '/assets/app-1234.js', { 'Accept-Encoding': 'gzip, br' })
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(zipped.body).toString()).toBe('console.log(1)')
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length)
  })

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/%252e%252e%252fsecret.txt',
    '/link.txt',
    '/index.html%00.js',
    '//etc/passwd',
    '/%c0%ae%c0%ae/secret.txt'
  ])('serves nothing outside the built renderer: %s', async (path) => {
    const response = await raw(server.origin, path)
    expect(response.status).toBe(404)
    expect(response.body).not.toContain(SECRET)
  })

  it('answers to a Host given with --allow-host, as behind a TLS reverse proxy that keeps the Host header', async () => {
    expect((await raw(server.origin, '/', { headers: { Host: 'explorer.example' } })).status).toBe(200)
    const proxied = await raw(server.origin, '/session', {
      method: 'POST',
      headers: { Host: 'explorer.example', Origin: 'https://explorer.example', Authorization: `Bearer ${server.token.value}` }
    })
    expect(proxied.status).toBe(204)
  })

  it('refuses other methods and foreign Host names', async () => {
    expect((await raw(server.origin, '/', { method: 'POST' })).status).toBe(405)
    expect((await raw(server.origin, '/', { headers: { Host: `evil.example:${server.port}` } })).status).toBe(400)
  })

  it('upgrades a socket that brings the token from the serving origin', async () => {
    const attempt = await attemptSocket({ serverOrigin: server.origin, token: server.token.value })
    expect('socket' in attempt && attempt.socket.protocol).toBe(WIRE_PROTOCOL)
    if ('socket' in attempt) attempt.socket.close()
    const localhost = await attemptSocket({ serverOrigin: `http://localhost:${server.port}`, token: server.token.value })
    expect('socket' in localhost).toBe(true)
    if ('socket' in localhost) localhost.socket.close()
  })

  it('refuses sockets without the token, with a wrong token, or from a foreign Origin, before the upgrade', async () => {
    expect(await attemptSocket({ serverOrigin: server.origin })).toMatchObject({ status: 401 })
    expect(await attemptSocket({ serverOrigin: server.origin, token: 'wrong-token-0123456789' })).toMatchObject({ status: 401 })
    expect(await attemptSocket({ serverOrigin: server.origin, token: server.token.value, protocols: [`token.${server.token.value}`] })).toMatchObject({ status: 401 })
    const foreign = await attemptSocket({ serverOrigin: server.origin, token: server.token.value, origin: 'http://evil.example' })
    expect(foreign).toMatchObject({ status: 403, body: 'Only pages served by this server may connect to it.' })
    expect(await attemptSocket({ serverOrigin: server.origin, token: server.token.value, origin: `http://127.0.0.1:${server.port + 1}` })).toMatchObject({ status: 403 })
  })

  it('tells the page why it was refused at /session', async () => {
    const post = (token: string): Promise<RawResponse> =>
      raw(server.origin, '/session', { method: 'POST', headers: { Authorization: `Bearer ${token}`, Origin: server.origin } })
    expect((await post(server.token.value)).status).toBe(204)
    const wrong = await post('not-the-token-at-all')
    expect(wrong.status).toBe(401)
    expect(wrong.body).toContain('token is missing or wrong')
  })

  it('throttles wrong tokens per address but lets the right token in at once (clients behind one proxy)', async () => {
    const fresh = await start()
    try {
      for (let i = 0; i < 10; i++) {
        expect(await attemptSocket({ serverOrigin: fresh.origin, token: `wrong-token-number-${i}` })).toMatchObject({ status: 401 })
      }
      const blocked = await attemptSocket({ serverOrigin: fresh.origin, token: 'wrong-token-number-10' })
      expect(blocked).toMatchObject({ status: 429 })
      expect('body' in blocked && blocked.body).toMatch(/Wait \d+ seconds/)
      const right = await attemptSocket({ serverOrigin: fresh.origin, token: fresh.token.value })
      expect('socket' in right).toBe(true)
      if ('socket' in right) right.socket.close()
      expect(await attemptSocket({ serverOrigin: fresh.origin, token: 'wrong-token-number-11' })).toMatchObject({ status: 429 })
    } finally {
      await fresh.stop()
    }
  })
})
