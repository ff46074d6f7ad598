import { useState } from 'react'
import { chooseTheme, THEME_CHOICES, themeChoice, type ThemeChoice } from './lib/theme'

const LABELS: Record<ThemeChoice, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' }

/** Light, dark, or as the OS has it; remembered in this browser. */
export function ThemeSelect(): React.JSX.Element {
  const [choice, setChoice] = useState(themeChoice)
  return (
    <select
      aria-label="Colour theme"
      value={choice}
      onChange={(event) => {
        const next = event.target.value as ThemeChoice
        chooseTheme(next)
        setChoice(next)
      }}
    >
      {THEME_CHOICES.map((option) => (
        <option key={option} value={option}>
          {LABELS[option]}
        </option>
      ))}
    </select>
  )
}
