import { expect } from 'vitest'
import { computedColours, contrastRatio } from './support/contrast'
import { test } from './support/fixtures'

test('a primary button stays readable while the pointer is on it, in the light and the dark theme', async ({ app }) => {
  await app.open()
  const button = app.page.getByRole('button', { name: 'New profile' })
  for (const colorScheme of ['light', 'dark'] as const) {
    await app.page.emulateMedia({ colorScheme })
    await app.page.mouse.move(0, 0)
    const resting = await computedColours(button)
    await button.hover()
    const hovered = await computedColours(button)
    expect(hovered.background, `${colorScheme}: the hover shows`).not.toBe(resting.background)
    expect(contrastRatio(hovered.color, hovered.background), `${colorScheme}: ${hovered.color} on ${hovered.background}`).toBeGreaterThanOrEqual(4.5)
  }
})
