import type { KeyboardEvent } from 'react'

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), summary, [tabindex]:not([tabindex="-1"])'

/**
 * Keeps Tab inside a modal dialog (the WAI-ARIA dialog pattern): Tab on its last control goes to the first, Shift+Tab
 * on the first to the last. Put it on the dialog's onKeyDown; what lies behind a modal is out of reach anyway.
 */
export function keepTabInside(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Tab') return
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((control) => control.getClientRects().length > 0 || control === document.activeElement)
  const first = controls[0]
  const last = controls.at(-1)
  if (!first || !last) return
  const wrapTo = event.shiftKey ? (document.activeElement === first ? last : null) : document.activeElement === last ? first : null
  if (!wrapTo) return
  event.preventDefault()
  wrapTo.focus()
}
