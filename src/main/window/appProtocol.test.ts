// The app:// handler runs in Node here exactly as Electron's protocol.handle() calls it: a fetch Request in,
// a fetch Response out, over real files and symlinks in a temp folder.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_URL, createAppProtocolHandler, mimeTypeOf } from './appProtocol'
import { CONTENT_SECURITY_POLICY } from './windowOptions'

let dir: string
let handle: (request: Request) => Promise<Response>

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'app-protocol-'))
  const root = join(dir, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Brokerscope</title>')
  await writeFile(join(root, 'assets', 'main.js'), 'console.log(1)')
  await writeFile(join(root, 'assets', 'icon.svg'), '<svg/>')
  await writeFile(join(dir, 'secret.txt'), 'outside')
  await symlink(join(dir, 'secret.txt'), join(root, 'assets', 'link.txt'))
  await symlink(dir, join(root, 'up'))
  handle = createAppProtocolHandler(root, CONTENT_SECURITY_POLICY)
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const get = (url: string, method = 'GET'): Promise<Response> => handle(new Request(url, { method }))

describe('app:// protocol', () => {
  it('serves the page with its MIME type and the CSP as a header', async () => {
    for (const url of [APP_URL, 'app://brokerscope/']) {
      const response = await get(url)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(await response.text()).toContain('<title>Brokerscope</title>')
    }
    expect((await get('app://brokerscope/assets/main.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await get('app://brokerscope/assets/icon.svg')).headers.get('content-type')).toBe('image/svg+xml')
    expect(mimeTypeOf('archive.bin')).toBe('application/octet-stream')
  })

  it('never leaves the renderer folder: dot segments, encoded slashes, backslashes, symlinks', async () => {
    const escapes = [
      'app://brokerscope/%2e%2e/secret.txt',
      'app://brokerscope/assets/%2E%2E/%2E%2E/secret.txt',
      'app://brokerscope/assets%2f..%2f..%2fsecret.txt',
      'app://brokerscope/assets%5C..%5C..%5Csecret.txt',
      'app://brokerscope/assets/..%5c..%5csecret.txt',
      'app://brokerscope/assets/link.txt',
      'app://brokerscope/up/secret.txt',
      'app://elsewhere/index.html'
    ]
    for (const url of escapes) {
      const response = await get(url)
      // 404 where the URL parser already removed the dot segments and nothing of that name is inside.
      expect([403, 404], url).toContain(response.status)
      expect(await response.text()).not.toContain('outside')
    }
    expect((await get('app://brokerscope/assets/link.txt')).status).toBe(403)
    expect((await get('app://brokerscope/up/secret.txt')).status).toBe(403)
    expect((await get('app://brokerscope/assets/%E0%A4%A')).status).toBe(400)
  })

  it('answers a missing file with 404 and anything but GET or HEAD with 405', async () => {
    expect((await get('app://brokerscope/nothing.js')).status).toBe(404)
    expect((await get('app://brokerscope/assets')).status).toBe(404)
    expect((await get(APP_URL, 'POST')).status).toBe(405)
    const head = await get(APP_URL, 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })
})
