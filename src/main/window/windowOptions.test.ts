// Pins the security settings DESIGN.md requires; windowOptions imports only Electron types, so no Electron runs.
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, mainWindowOptions } from './windowOptions'

describe('mainWindowOptions', () => {
  const { webPreferences } = mainWindowOptions('/app/out/preload/index.cjs')

  it('isolates and sandboxes the renderer, with no Node.js in it', () => {
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
  })

  it('does not turn on any sub-frame Node.js integration', () => {
    expect(webPreferences?.nodeIntegrationInSubFrames).not.toBe(true)
  })

  it('loads the given preload script', () => {
    expect(webPreferences?.preload).toBe('/app/out/preload/index.cjs')
  })

  it('stays hidden until the first paint', () => {
    expect(mainWindowOptions('p').show).toBe(false)
  })
})

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]))

  it('allows scripts only from the app itself: no inline or eval', () => {
    expect(directives.get('script-src')).toBe("'self'")
    expect(directives.get('default-src')).toBe("'self'")
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
  })

  it('forbids plugins, framing, base rewrites and form posts', () => {
    expect(directives.get('object-src')).toBe("'none'")
    expect(directives.get('frame-ancestors')).toBe("'none'")
    expect(directives.get('base-uri')).toBe("'none'")
    expect(directives.get('form-action')).toBe("'none'")
  })

  it('lets the page talk only to its own origin', () => {
    expect(directives.get('connect-src')).toBe("'self'")
  })
})

describe('window identity and place', () => {
  it('carries the product name and opens at the remembered place, or the default size', () => {
    expect(mainWindowOptions('p').title).toBe('Brokerscope')
    expect(mainWindowOptions('p')).toMatchObject({ width: 1400, height: 900 })
    expect(mainWindowOptions('p', { x: 10, y: 20, width: 900, height: 700 })).toMatchObject({ x: 10, y: 20, width: 900, height: 700 })
  })
})
