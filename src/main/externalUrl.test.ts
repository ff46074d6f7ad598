import { describe, expect, it } from 'vitest'
import { externalUrl } from './externalUrl'

describe('external links', () => {
  it('opens only http and https addresses', () => {
    expect(externalUrl('https://github.com/brokerscope/brokerscope')).toBe('https://github.com/brokerscope/brokerscope')
    expect(externalUrl('http://example.test/a b')).toBe('http://example.test/a%20b')
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'app://brokerscope/index.html', 'smb://host/share', 'not a url']) expect(externalUrl(bad), bad).toBeNull()
  })
})
