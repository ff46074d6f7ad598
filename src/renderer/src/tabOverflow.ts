import { useEffect, useState, type RefObject } from 'react'

/** Which ends of a scrolling strip have tabs out of view. */
export interface Overflow {
  before: boolean
  after: boolean
}

/** What of the strip is out of view, from its scroll position and sizes (1 px of slack for rounding). */
export function overflowOf(strip: { scrollLeft: number; scrollWidth: number; clientWidth: number }): Overflow {
  return { before: strip.scrollLeft > 1, after: strip.scrollLeft + strip.clientWidth < strip.scrollWidth - 1 }
}

/**
 * Follows a tab strip: which ends hide tabs (for the cue at that end), and brings the selected tab into view
 * whenever `activeKey` changes (a tab opened or chosen from the menu may be out of view).
 */
export function useTabOverflow(strip: RefObject<HTMLElement | null>, activeKey: string | null, tabCount: number): Overflow {
  const [overflow, setOverflow] = useState<Overflow>({ before: false, after: false })
  useEffect(() => {
    const element = strip.current
    if (!element) return
    const update = (): void => {
      const next = overflowOf(element)
      setOverflow((last) => (last.before === next.before && last.after === next.after ? last : next))
    }
    update()
    const resize = new ResizeObserver(update)
    resize.observe(element)
    element.addEventListener('scroll', update, { passive: true })
    return () => {
      resize.disconnect()
      element.removeEventListener('scroll', update)
    }
  }, [strip, tabCount])
  useEffect(() => {
    strip.current?.querySelector('[role="tab"][aria-selected="true"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  }, [strip, activeKey, tabCount])
  return overflow
}
