import type { Page } from 'playwright-core'

/**
 * Text that does not fit its box and is not meant to be cut: elements with text of their own whose content is wider
 * than the box while the box lets it spill out (overflow visible) or cuts it without an ellipsis. Scrolling boxes and
 * ellipsis truncation are deliberate; inline elements grow with their text; the code editors and canvases draw
 * their own text. Returns one line per element: its tag, classes, text and the widths.
 */
export function overflowingText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type El = {
      tagName: string
      className: string | { baseVal: string }
      scrollWidth: number
      clientWidth: number
      childNodes: Iterable<{ nodeType: number; textContent: string | null }>
      textContent: string | null
      closest(selector: string): unknown
    }
    const w = globalThis as unknown as {
      document: { querySelectorAll(selector: string): Iterable<El> }
      getComputedStyle(e: El): { display: string; overflowX: string; textOverflow: string; visibility: string }
    }
    const found: string[] = []
    for (const element of w.document.querySelectorAll('body *')) {
      if (element.closest('.monaco-editor, canvas, svg, [aria-hidden="true"], .visually-hidden')) continue
      const ownText = [...element.childNodes].some((node) => node.nodeType === 3 && (node.textContent ?? '').trim() !== '')
      if (!ownText) continue
      const style = w.getComputedStyle(element)
      if (style.display.startsWith('inline') && style.display !== 'inline-block' && style.display !== 'inline-flex') continue
      if (style.visibility === 'hidden' || style.overflowX === 'auto' || style.overflowX === 'scroll' || style.textOverflow === 'ellipsis') continue
      if (element.clientWidth === 0 || element.scrollWidth <= element.clientWidth + 1) continue
      const classes = typeof element.className === 'string' ? element.className : element.className.baseVal
      found.push(`<${element.tagName.toLowerCase()} class="${classes}"> "${(element.textContent ?? '').trim().slice(0, 60)}": ${element.scrollWidth} px of text in ${element.clientWidth} px (overflow ${style.overflowX})`)
    }
    return found
  })
}
