import { afterEach, describe, expect, it } from 'vitest'
import { chooseTheme, isDarkTheme, onThemeChange, themeChoice } from './theme'

describe('the colour theme', () => {
  afterEach(() => chooseTheme('system'))

  it('puts the choice on the page root, keeps it in storage, and tells the editors whether it is dark', () => {
    const heard: boolean[] = []
    const stop = onThemeChange((dark) => heard.push(dark))
    chooseTheme('dark')
    expect([document.documentElement.dataset['theme'], localStorage.getItem('theme'), themeChoice(), isDarkTheme()]).toEqual(['dark', 'dark', 'dark', true])
    chooseTheme('light')
    expect([document.documentElement.dataset['theme'], isDarkTheme()]).toEqual(['light', false])
    // Following the OS again: no attribute, nothing stored, the OS's scheme (light here) decides.
    chooseTheme('system')
    expect([document.documentElement.dataset['theme'], localStorage.getItem('theme'), isDarkTheme()]).toEqual([undefined, null, false])
    stop()
    chooseTheme('dark')
    expect(heard).toEqual([true, false, false])
  })
})
