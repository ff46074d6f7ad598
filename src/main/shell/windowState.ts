import { z } from 'zod'

/** The window's place on screen, kept between runs. */
export interface WindowState {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

/** A display's work area, as Electron's screen module reports it. */
export interface WorkArea {
  x: number
  y: number
  width: number
  height: number
}

const savedSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean()
})

// Enough of the title bar must be on a display for the user to grab it and move the window back.
const GRIP = 64

function visibleOn(state: Required<Pick<WindowState, 'x' | 'y' | 'width'>>, area: WorkArea): boolean {
  const left = Math.max(state.x, area.x)
  const right = Math.min(state.x + state.width, area.x + area.width)
  return right - left >= GRIP && state.y >= area.y && state.y + GRIP <= area.y + area.height
}

/**
 * The saved state when it is sound and its title bar is on a display now (a monitor may have been
 * unplugged); otherwise the default size, placed by the system. Sizes are kept within the largest display.
 */
export function restoreWindowState(saved: unknown, displays: WorkArea[], defaults: { width: number; height: number }): WindowState {
  const parsed = savedSchema.safeParse(saved)
  if (!parsed.success) return { ...defaults, maximized: false }
  const largest = displays.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b), displays[0] ?? { x: 0, y: 0, ...defaults })
  const width = Math.min(parsed.data.width, largest.width)
  const height = Math.min(parsed.data.height, largest.height)
  const { x, y, maximized } = parsed.data
  if (x === undefined || y === undefined || !displays.some((area) => visibleOn({ x, y, width }, area))) return { width, height, maximized }
  return { x, y, width, height, maximized }
}

/** What to save: the normal (unmaximized) bounds, so un-maximizing after a restart returns to them. */
export function captureWindowState(normalBounds: { x: number; y: number; width: number; height: number }, maximized: boolean): WindowState {
  return { x: Math.round(normalBounds.x), y: Math.round(normalBounds.y), width: Math.round(normalBounds.width), height: Math.round(normalBounds.height), maximized }
}
