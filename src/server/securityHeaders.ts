import type { OutgoingHttpHeaders } from 'node:http'

// Same policy as the meta tag in index.html, but sent as a header (which also covers frame-ancestors, which a
// meta tag cannot) and with the WebSocket narrowed to the serving host. Monaco needs inline styles and blob: workers.
function contentSecurityPolicy(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    `connect-src 'self' ws://${host} wss://${host}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'"
  ].join('; ')
}

/** Headers sent with every response; `host` is the request's Host header, already checked. */
export function securityHeaders(host: string): OutgoingHttpHeaders {
  return {
    'Content-Security-Policy': contentSecurityPolicy(host),
    'X-Content-Type-Options': 'nosniff',
    // The first page load carries ?token= in its URL; never pass it on to anyone.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin'
  }
}
