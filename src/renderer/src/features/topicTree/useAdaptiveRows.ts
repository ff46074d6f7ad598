import { useState, useSyncExternalStore } from 'react'
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
 * The rows as a small external store: it decides when to recompute (which needs the clock, so it cannot
 * be render logic) and tells its listener when a deferred recomputation is due.
 */
class AdaptiveRows {
  private cache: Cache | null = null
  private listener: (() => void) | null = null
  private timer: ReturnType<typeof setTimeout> | null = null

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listener = listener
    return () => {
      this.listener = null
      if (this.timer !== null) clearTimeout(this.timer)
      this.timer = null
    }
  }

  /** The rows for these inputs: computed now, or the last ones while a data-driven recomputation waits. */
  rows(compute: () => TreeRow[], view: readonly unknown[], version: number): TreeRow[] {
    const now = performance.now()
    const previous = this.cache
    const viewChanged = !previous || previous.view.length !== view.length || previous.view.some((value, i) => value !== view[i])
    if (viewChanged || (previous.version !== version && now - previous.at >= previous.cost * COST_FACTOR)) {
      const rows = compute()
      this.cache = { rows, view, version, at: now, cost: performance.now() - now }
    } else if (previous.version !== version) {
      // Data that arrived during the wait is shown once it is over, even if no further delta comes.
      this.wake(previous.at + previous.cost * COST_FACTOR - now)
    }
    return (this.cache as Cache).rows
  }

  private wake(delayMs: number): void {
    if (this.timer !== null) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.listener?.()
    }, Math.max(0, delayMs))
  }
}

/**
 * The tree's rows: recomputed at once when the view changes (expand, sort, filter), but for new data no
 * more often than COST_FACTOR times the last computation's cost. A small tree recomputes every frame; a
 * branch of 100k open siblings refreshes its order a few times a second while visible rows still show
 * live values, so the frame rate stays up.
 */
export function useAdaptiveRows(compute: () => TreeRow[], view: readonly unknown[], version: number): TreeRow[] {
  const [store] = useState(() => new AdaptiveRows())
  return useSyncExternalStore(store.subscribe, () => store.rows(compute, view, version))
}
