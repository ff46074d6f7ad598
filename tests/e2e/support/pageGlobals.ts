/**
 * The browser globals e2e code reads inside `page.evaluate` (the Node tsconfig has no DOM types). Cast inline:
 * `(globalThis as unknown as PageGlobals).sessionStorage` — the function runs in the page, imports do not.
 */
export interface PageGlobals {
  sessionStorage: { getItem(key: string): string | null }
  requestAnimationFrame(callback: (time: number) => void): number
  performance: { now(): number }
  document: { querySelector(selector: string): PageCanvas | null }
}

/** A canvas as far as tests read its pixels. */
export interface PageCanvas {
  width: number
  height: number
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray } } | null
}
