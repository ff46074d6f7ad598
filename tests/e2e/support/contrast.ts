import type { Locator } from 'playwright-core'

/** An element's text and background colours as the page computed them (the background of the element itself). */
export async function computedColours(element: Locator): Promise<{ color: string; background: string }> {
  return element.evaluate((node) => {
    const style = (globalThis as unknown as { getComputedStyle(n: unknown): { color: string; backgroundColor: string } }).getComputedStyle(node)
    return { color: style.color, background: style.backgroundColor }
  })
}

function channels(css: string): [number, number, number] {
  const match = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(css)
  if (!match) throw new Error(`Not an rgb() colour: ${css}`)
  return [Number(match[1]), Number(match[2]), Number(match[3])]
}

function luminance(css: string): number {
  const [r, g, b] = channels(css).map((c) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** The WCAG 2 contrast ratio of two computed `rgb()` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}
