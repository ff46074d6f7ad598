import { useEffect, useReducer, useRef } from 'react'
import type { TreeRow } from './flattenTree'

/** A data-driven recomputation waits at least this many times as long as the previous one took. */
const COST_FACTOR = 4

/** The last computed rows and what they were computed for. */
interface Cache {
  rows: TreeRow[]
  view: readonly unknown[]
  version: number
  at: number
  cost: number
}

/**
 * The tree's rows: recomputed at once when the view changes (expand, sort, filter), but for new data no
 * more often than COST_FACTOR times the last computation's cost. A small tree recomputes every frame; a
 * branch of 100k open siblings refreshes its order a few times a second while visible rows still show
 * live values, so the frame rate stays up.
 */
export function useAdaptiveRows(compute: () => TreeRow[], view: readonly unknown[], version: number): TreeRow[] {
  const cache = useRef<Cache | null>(null)
  const [, refresh] = useReducer((n: number) => n + 1, 0)
  const now = performance.now()
  const previous = cache.current
  const viewChanged = !previous || previous.view.length !== view.length || previous.view.some((value, i) => value !== view[i])
  if (viewChanged || (previous.version !== version && now - previous.at >= previous.cost * COST_FACTOR)) {
    const rows = compute()
    cache.current = { rows, view, version, at: now, cost: performance.now() - now }
  }

  // Data that arrived during the wait is shown once it is over, even if no further delta comes.
  useEffect(() => {
    const current = cache.current
    if (!current || current.version === version) return
    const timer = setTimeout(refresh, Math.max(0, current.at + current.cost * COST_FACTOR - performance.now()))
    return () => clearTimeout(timer)
  })

  return (cache.current as Cache).rows
}
