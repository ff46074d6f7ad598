import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { browserCandidates, findBrowser, noBrowserAdvice } from './support/findBrowser'

describe('finding a browser for the e2e tier', () => {
  it('looks where each system installs Chromium, Chrome and Edge', () => {
    expect(browserCandidates('linux', {})).toContain('/usr/bin/chromium')
    expect(browserCandidates('darwin', { HOME: '/Users/me' })).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome')
    const windows = browserCandidates('win32', { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' })
    expect(windows).toContain(join('C:\\Program Files', 'Google', 'Chrome', 'Application', 'chrome.exe'))
    expect(windows).toContain(join('C:\\Program Files (x86)', 'Microsoft', 'Edge', 'Application', 'msedge.exe'))
  })

  it('takes CHROMIUM_PATH when it exists and finds nothing when it does not', () => {
    expect(findBrowser({ CHROMIUM_PATH: '/opt/chrome' }, (path) => path === '/opt/chrome')).toBe('/opt/chrome')
    expect(findBrowser({ CHROMIUM_PATH: '/opt/chrome' }, () => false)).toBeUndefined()
    expect(noBrowserAdvice({ CHROMIUM_PATH: '/opt/chrome' })).toMatch(/^CHROMIUM_PATH=\/opt\/chrome does not exist: .*apt-get install chromium/)
  })

  it('falls back to the first installed candidate, and to none', () => {
    const second = browserCandidates()[1] as string
    expect(findBrowser({}, (path) => path === second)).toBe(second)
    expect(findBrowser({}, () => false)).toBeUndefined()
    expect(noBrowserAdvice({})).toMatch(/^No Chromium, Chrome or Edge was found: the end-to-end tests were not run\./)
  })
})
