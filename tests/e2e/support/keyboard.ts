import type { Locator, Page } from 'playwright-core'

/** What has the focus, as a line for failure messages, and whether a focus ring shows on it (or on the frame it sits in). */
interface FocusReport {
  what: string
  ring: boolean
}

function focusReport(page: Page): Promise<FocusReport> {
  return page.evaluate(() => {
    type El = { tagName: string; getAttribute(n: string): string | null; textContent: string | null; closest(s: string): El | null }
    const w = globalThis as unknown as { document: { activeElement: El | null }; getComputedStyle(e: El, pseudo?: string): { outlineStyle: string; outlineWidth: string } }
    const active = w.document.activeElement
    if (!active) return { what: '(nothing)', ring: false }
    const name = active.getAttribute('aria-label') ?? active.textContent?.trim().slice(0, 40) ?? ''
    const what = `${active.tagName.toLowerCase()}${active.getAttribute('role') ? `[role=${active.getAttribute('role')}]` : ''} "${name}"`
    // Monaco's own input is invisible by design; the frame around the editor draws the ring above it.
    const frame = active.closest('.monaco-editor') ? active.closest('.code-frame') : null
    const style = frame ? w.getComputedStyle(frame, '::after') : w.getComputedStyle(active)
    return { what, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 }
  })
}

/** Whether `target` has the keyboard focus. */
export function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would, and checks that every stop on
 * the way shows a focus ring. Fails with the stops it passed when `target` is not reached within `maxStops`.
 */
export async function tabTo(page: Page, target: Locator, options: { backwards?: boolean; maxStops?: number } = {}): Promise<void> {
  const stops: string[] = []
  for (let i = 0; i < (options.maxStops ?? 40); i++) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab')
    const report = await focusReport(page)
    stops.push(report.what)
    if (!report.ring) throw new Error(`No visible focus ring on ${report.what} (stops so far: ${stops.join(' → ')}).`)
    if (await hasFocus(target)) return
  }
  throw new Error(`Tab did not reach the target within ${stops.length} stops: ${stops.join(' → ')}.`)
}
