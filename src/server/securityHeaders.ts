import type { OutgoingHttpHeaders } from 'node:http'
import { contentSecurityPolicy } from '../shared/security/contentSecurityPolicy'

/** Headers sent with every response; `host` is the request's Host header, already checked. */
export function securityHeaders(host: string): OutgoingHttpHeaders {
  return {
    // Frame-ancestors needs a header (a meta tag cannot set it); sockets only to the serving host.
    'Content-Security-Policy': contentSecurityPolicy([`ws://${host}`, `wss://${host}`]),
    'X-Content-Type-Options': 'nosniff',
    // The first page load carries ?token= in its URL; never pass it on to anyone.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin'
  }
}
