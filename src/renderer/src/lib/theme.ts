// The colour theme: the OS's unless the user chose light or dark (kept in this browser's storage, like the pane
// sizes). The page's colours follow the root's data-theme (theme.css); listeners (the code editors) hear whether
// the theme in effect is dark.

export type ThemeChoice = 'system' | 'light' | 'dark'
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark']

const STORAGE_KEY = 'theme'
const osDark = window.matchMedia('(prefers-color-scheme: dark)')
const listeners = new Set<(dark: boolean) => void>()

function stored(): ThemeChoice {
  const value = localStorage.getItem(STORAGE_KEY)
  return THEME_CHOICES.includes(value as ThemeChoice) ? (value as ThemeChoice) : 'system'
}

let choice: ThemeChoice = stored()

/** Whether the theme in effect is dark: the choice, or the OS's when the choice is to follow it. */
export function isDarkTheme(): boolean {
  return choice === 'dark' || (choice === 'system' && osDark.matches)
}

export function themeChoice(): ThemeChoice {
  return choice
}

function apply(): void {
  if (choice === 'system') delete document.documentElement.dataset['theme']
  else document.documentElement.dataset['theme'] = choice
  for (const listener of listeners) listener(isDarkTheme())
}

export function chooseTheme(next: ThemeChoice): void {
  choice = next
  if (next === 'system') localStorage.removeItem(STORAGE_KEY)
  else localStorage.setItem(STORAGE_KEY, next)
  apply()
}

/** Calls `listener` with whether the theme is dark each time that may have changed (a choice, or the OS's change). */
export function onThemeChange(listener: (dark: boolean) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

osDark.addEventListener('change', apply)
apply()
