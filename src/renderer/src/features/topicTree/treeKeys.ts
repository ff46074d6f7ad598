import type { TreeRow } from './flattenTree'

/** What a key press in the tree asks for; pure so it can be tested without a DOM. */
export type TreeKeyAction =
  | { kind: 'select'; index: number }
  | { kind: 'expand'; path: string }
  | { kind: 'collapse'; path: string }
  | { kind: 'toggle'; path: string }
  | { kind: 'none' }

/** Keyboard model of the WAI-ARIA tree pattern: arrows, Home/End, Enter toggles. */
export function treeKeyAction(key: string, rows: readonly TreeRow[], current: number): TreeKeyAction {
  const row = rows[current]
  const last = rows.length - 1
  if (rows.length === 0) return { kind: 'none' }
  switch (key) {
    case 'ArrowDown':
      return { kind: 'select', index: row ? Math.min(current + 1, last) : 0 }
    case 'ArrowUp':
      return { kind: 'select', index: row ? Math.max(current - 1, 0) : 0 }
    case 'Home':
      return { kind: 'select', index: 0 }
    case 'End':
      return { kind: 'select', index: last }
    case 'PageDown':
      return { kind: 'select', index: Math.min((row ? current : 0) + 20, last) }
    case 'PageUp':
      return { kind: 'select', index: Math.max((row ? current : 0) - 20, 0) }
    case 'ArrowRight':
      if (!row) return { kind: 'select', index: 0 }
      if (row.hasChildren && !row.expanded) return { kind: 'expand', path: row.id }
      if (row.hasChildren) return { kind: 'select', index: current + 1 }
      return { kind: 'none' }
    case 'ArrowLeft': {
      if (!row) return { kind: 'none' }
      if (row.expanded) return { kind: 'collapse', path: row.id }
      for (let i = current - 1; i >= 0; i--) if ((rows[i] as TreeRow).depth < row.depth) return { kind: 'select', index: i }
      return { kind: 'none' }
    }
    case 'Enter':
      return row?.hasChildren ? { kind: 'toggle', path: row.id } : { kind: 'none' }
    default:
      return { kind: 'none' }
  }
}
