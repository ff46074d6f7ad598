// isTrustedSender guards every IPC request; windowSecurity imports only Electron types, so no Electron runs.
import { describe, expect, it } from 'vitest'
import { isTrustedSender } from './windowSecurity'

describe('isTrustedSender', () => {
  describe('packaged app (app://brokerscope)', () => {
    const app = 'app://brokerscope/index.html'

    it('trusts our own pages, with a hash or query', () => {
      expect(isTrustedSender(app, app)).toBe(true)
      expect(isTrustedSender(`${app}#/topics`, app)).toBe(true)
      expect(isTrustedSender('app://brokerscope/other.html?tab=2', app)).toBe(true)
    })

    it('refuses another host or scheme, a local file, a web page, and garbage', () => {
      expect(isTrustedSender('app://evil/index.html', app)).toBe(false)
      expect(isTrustedSender('other://brokerscope/index.html', app)).toBe(false)
      expect(isTrustedSender('file:///tmp/evil.html', app)).toBe(false)
      expect(isTrustedSender('https://example.com/index.html', app)).toBe(false)
      expect(isTrustedSender('not a url', app)).toBe(false)
      expect(isTrustedSender('', app)).toBe(false)
    })
  })

  describe('development server (http://localhost)', () => {
    const app = 'http://localhost:5173/'

    it('trusts any page of the dev server origin', () => {
      expect(isTrustedSender('http://localhost:5173/', app)).toBe(true)
      expect(isTrustedSender('http://localhost:5173/index.html?x=1', app)).toBe(true)
    })

    it('refuses another port, host or scheme', () => {
      expect(isTrustedSender('http://localhost:5174/', app)).toBe(false)
      expect(isTrustedSender('http://127.0.0.1:5173/', app)).toBe(false)
      expect(isTrustedSender('https://localhost:5173/', app)).toBe(false)
      expect(isTrustedSender('file:///index.html', app)).toBe(false)
      expect(isTrustedSender('http://localhost:5173.evil.com/', app)).toBe(false)
    })
  })
})
