import { beforeEach, describe, expect, it } from 'vitest'
import { takeAccessToken } from './accessToken'

describe('takeAccessToken', () => {
  beforeEach(() => {
    sessionStorage.clear()
    history.replaceState(null, '', '/')
  })

  it('moves ?token= into session storage and out of the address bar, keeping the rest of the address', () => {
    history.replaceState(null, '', '/?view=tree&token=abcdefghijklmnop#topic')
    expect(takeAccessToken(location, history, sessionStorage)).toBe('abcdefghijklmnop')
    expect(location.pathname + location.search + location.hash).toBe('/?view=tree#topic')
    expect(sessionStorage.getItem('brokerscope.token')).toBe('abcdefghijklmnop')
  })

  it('finds the stored token after a reload without ?token=', () => {
    history.replaceState(null, '', '/?token=abcdefghijklmnop')
    takeAccessToken(location, history, sessionStorage)
    history.replaceState(null, '', '/')
    expect(takeAccessToken(location, history, sessionStorage)).toBe('abcdefghijklmnop')
  })

  it('prefers a new token in the address over the stored one', () => {
    sessionStorage.setItem('brokerscope.token', 'old-token-0123456789')
    history.replaceState(null, '', '/?token=new-token-0123456789')
    expect(takeAccessToken(location, history, sessionStorage)).toBe('new-token-0123456789')
  })

  it('has none when neither the address nor the session holds one', () => {
    expect(takeAccessToken(location, history, sessionStorage)).toBeUndefined()
  })
})
