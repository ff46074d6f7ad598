// Runs inside the page (passed to page.evaluate, so it must not use anything from outside its own body): times
// opening the Charts tab, from the click to the first frame whose canvas shows series lines (coloured pixels: the
// axes and the grid are grey).

interface ProbeCanvas {
  width: number
  height: number
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray } } | null
}

interface ProbeWindow {
  document: { querySelector(selector: string): ProbeCanvas | null; querySelectorAll(selector: string): ArrayLike<{ textContent: string | null; click(): void }> }
  requestAnimationFrame(callback: (time: number) => void): number
  performance: { now(): number }
}

/** Clicks the side tab `tabName` and resolves with the milliseconds until `minPixels` opaque coloured pixels are drawn. */
export function timeChartOpening({ tabName, minPixels, timeoutMs }: { tabName: string; minPixels: number; timeoutMs: number }): Promise<number> {
  const w = globalThis as unknown as ProbeWindow
  const tab = Array.from(w.document.querySelectorAll('[role="tab"]')).find((t) => t.textContent?.trim() === tabName)
  if (!tab) return Promise.reject(new Error(`No tab "${tabName}" on the page.`))
  const drawn = (): boolean => {
    const canvas = w.document.querySelector('.chart-card canvas')
    const context = canvas?.getContext('2d')
    if (!canvas || !context) return false
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
    let count = 0
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i] as number, data[i + 1] as number, data[i + 2] as number]
      if ((data[i + 3] as number) > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 60 && ++count >= minPixels) return true
    }
    return false
  }
  const started = w.performance.now()
  tab.click()
  return new Promise((resolve, reject) => {
    const frame = (): void => {
      if (drawn()) return resolve(w.performance.now() - started)
      if (w.performance.now() - started > timeoutMs) return reject(new Error(`The chart was not drawn within ${timeoutMs} ms.`))
      w.requestAnimationFrame(frame)
    }
    w.requestAnimationFrame(frame)
  })
}
