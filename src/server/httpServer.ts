import { createServer, STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { SESSION_PATH, WIRE_PATH, WIRE_PROTOCOL } from '../shared/wire/codec'
import { allowedHost, bearerToken, checkAccess, socketToken, type AccessPolicy, type AccessVerdict } from './accessGuard'
import { AttemptLimiter } from './attemptLimiter'
import { securityHeaders } from './securityHeaders'
import type { SocketHub } from './socketHub'
import type { StaticFiles } from './staticFiles'

/** What the HTTP/WebSocket front needs; the services behind it come in through the hub. */
export interface HttpServerOptions {
  host: string
  port: number
  token: string
  /** Host header values answered to besides the loopback names (see ServerOptions.allowedHosts). */
  allowedHosts?: readonly string[]
  files: StaticFiles
  hub: SocketHub
  limiter?: AttemptLimiter
}

/** A listening server. */
export interface HttpServer {
  /** The port actually bound (differs from the option when it was 0). */
  port: number
  /** `http://host:port` as a browser should open it. */
  origin: string
  close(): Promise<void>
}

// Requests may carry a payload to publish; MQTT itself allows up to 256 MB, a browser tab far less.
const MAX_REQUEST_BYTES = 64 << 20

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}

function pathOf(request: IncomingMessage): string {
  return (request.url ?? '/').split(/[?#]/, 1)[0] as string
}

function refuseUpgrade(socket: Duplex, verdict: Exclude<AccessVerdict, { ok: true }>): void {
  const retry = verdict.retryAfterSeconds === undefined ? '' : `Retry-After: ${verdict.retryAfterSeconds}\r\n`
  const body = Buffer.from(verdict.message)
  socket.end(
    `HTTP/1.1 ${verdict.status} ${STATUS_CODES[verdict.status]}\r\nConnection: close\r\n${retry}` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n${body.toString()}`
  )
}

function answer(response: ServerResponse, status: number, message: string, headers: OutgoingHttpHeaders = {}): void {
  response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  response.end(message)
}

/** Starts the HTTP server: the built renderer, the session check, and the WebSocket carrying the contract. */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const server = createServer()
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_REQUEST_BYTES,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has(WIRE_PROTOCOL) ? WIRE_PROTOCOL : false)
  })
  let port = options.port
  const loopbackOnly = isLoopback(options.host)
  const policy: AccessPolicy = {
    token: options.token,
    limiter: options.limiter ?? new AttemptLimiter(),
    // Bound to loopback, only loopback names are ours: a foreign name pointing at 127.0.0.1 is DNS rebinding.
    isAllowedHost: (host) =>
      !loopbackOnly || [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, ...(options.allowedHosts ?? [])].includes(host)
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const host = allowedHost(request, policy)
    if (!host) return answer(response, 400, 'This server does not answer to that host name.')
    const headers = securityHeaders(host)
    if (pathOf(request) === SESSION_PATH && request.method === 'POST') {
      const verdict = checkAccess(policy, request, bearerToken(request))
      if (verdict.ok) return answer(response, 204, '', headers)
      const retry: Record<string, number> = verdict.retryAfterSeconds === undefined ? {} : { 'Retry-After': verdict.retryAfterSeconds }
      return answer(response, verdict.status, verdict.message, { ...headers, ...retry })
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return answer(response, 405, 'Only GET and HEAD are served here.', { ...headers, Allow: 'GET, HEAD' })
    }
    if (!options.files.serve(request, response, headers)) answer(response, 404, 'Not found.', headers)
  })

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    if (pathOf(request) !== WIRE_PATH) return refuseUpgrade(socket, { ok: false, status: 400, message: 'There is no WebSocket endpoint at this path.' })
    const verdict = checkAccess(policy, request, socketToken(request))
    if (!verdict.ok) return refuseUpgrade(socket, verdict)
    sockets.handleUpgrade(request, socket, head, (webSocket) => options.hub.add(webSocket))
  })

  server.on('clientError', (_error, socket) => socket.destroy())

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  return {
    port,
    origin: `http://${urlHost(options.host)}:${port}`,
    close: async () => {
      options.hub.closeAll()
      sockets.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
