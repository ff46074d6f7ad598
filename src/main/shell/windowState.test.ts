import { describe, expect, it } from 'vitest'
import { captureWindowState, restoreWindowState } from './windowState'

const laptop = { x: 0, y: 0, width: 1440, height: 875 }
const monitor = { x: 1440, y: 0, width: 2560, height: 1400 }
const defaults = { width: 1400, height: 900 }

describe('window state', () => {
  it('comes back where it was, maximized or not', () => {
    const saved = captureWindowState({ x: 1600.4, y: 100, width: 1200, height: 800 }, true)
    expect(restoreWindowState(saved, [laptop, monitor], defaults)).toEqual({ x: 1600, y: 100, width: 1200, height: 800, maximized: true })
  })

  it('lets the system place it when its display is gone, and shrinks it to fit', () => {
    const onMonitor = { x: 1600, y: 100, width: 2400, height: 1300, maximized: false }
    expect(restoreWindowState(onMonitor, [laptop], defaults)).toEqual({ width: 1440, height: 875, maximized: false })
    // A title bar above the top of the screen cannot be grabbed.
    expect(restoreWindowState({ x: 10, y: -200, width: 800, height: 600, maximized: false }, [laptop], defaults)).toEqual({ width: 800, height: 600, maximized: false })
  })

  it('starts at the default size from a missing or damaged file', () => {
    for (const saved of [undefined, null, 'x', { width: -1, height: 600, maximized: false }, { width: 800 }]) {
      expect(restoreWindowState(saved, [laptop], defaults)).toEqual({ width: 1400, height: 900, maximized: false })
    }
  })
})
