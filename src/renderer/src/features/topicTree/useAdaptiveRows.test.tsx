import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { TreeRow } from './flattenTree'
import { useAdaptiveRows } from './useAdaptiveRows'

function busy(ms: number): void {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // A stand-in for flattening a very large open branch.
  }
}

describe('adaptive row recomputation', () => {
  afterEach(cleanup)

  it('recomputes at once when the view changes, and defers data-driven recomputation by its cost', async () => {
    let computed = 0
    const compute = (): TreeRow[] => {
      computed++
      busy(15)
      return []
    }
    const view = ['name']
    const { rerender } = renderHook(({ v, key }) => useAdaptiveRows(compute, key, v), { initialProps: { v: 1, key: view } })
    expect(computed).toBe(1)
    rerender({ v: 2, key: view })
    expect(computed).toBe(1)
    rerender({ v: 2, key: ['lastUpdate'] })
    expect(computed).toBe(2)
    rerender({ v: 3, key: ['lastUpdate'] })
    expect(computed).toBe(2)
    // No further version arrives: the deferred data is still shown once the wait is over.
    await act(() => new Promise((resolve) => setTimeout(resolve, 120)))
    expect(computed).toBe(3)
  })

  it('recomputes cheap rows on every version', () => {
    let computed = 0
    const compute = (): TreeRow[] => {
      computed++
      return []
    }
    const view = ['name']
    const { rerender } = renderHook(({ v }) => useAdaptiveRows(compute, view, v), { initialProps: { v: 1 } })
    for (let v = 2; v <= 5; v++) {
      busy(1)
      rerender({ v })
    }
    expect(computed).toBe(5)
  })
})
