import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from './contentSecurityPolicy'

describe('the content security policy', () => {
  it('is the same policy as a header and as the page\'s meta tag, less what a meta tag cannot carry', () => {
    const header = contentSecurityPolicy(['ws:', 'wss:'])
    const meta = contentSecurityPolicy(['ws:', 'wss:'], 'meta')
    expect(header).toContain("frame-ancestors 'none'")
    expect(meta).not.toContain('frame-ancestors')
    expect(`${meta}; frame-ancestors 'none'`).toBe(header)
    expect(meta).toContain("connect-src 'self' ws: wss:")
  })
})
