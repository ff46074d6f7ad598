/** How a policy reaches the page: a response header, or a `<meta>` tag in index.html (no frame-ancestors there). */
export type PolicyDelivery = 'header' | 'meta'

/**
 * The renderer's Content-Security-Policy, one definition for the Electron window, the headless server and
 * the `<meta>` tag of index.html. Monaco needs inline styles and blob: workers; `connectSources` adds where
 * the page may open sockets.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = [], delivery: PolicyDelivery = 'header'): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    ["connect-src 'self'", ...connectSources].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    // Browsers ignore frame-ancestors in a <meta> tag, and say so in the console.
    ...(delivery === 'header' ? ["frame-ancestors 'none'"] : [])
  ].join('; ')
}
