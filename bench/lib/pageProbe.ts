// Runs inside the page (passed to page.evaluate, so it must not use anything from outside its own body):
// records requestAnimationFrame intervals, scrolls the topic tree, and times the marker topic's new values.

/** What the probe collected, read back with `readProbe`. */
export interface ProbeResult {
  /** Frame intervals in ms while the tree was being scrolled. */
  scrollFrames: number[]
  /** Frame intervals in ms while the tree stood still at the top (marker row visible). */
  stillFrames: number[]
  /** Publish-to-visible delays in ms of the marker values seen. */
  markerDelays: number[]
  /** The largest scroll offset the tree really reached (read back once a second), to show it did scroll. */
  maxScrollTop: number
}

/** The phase the probe records in: scrolling the tree, or holding it at the top with the marker row in view. */
export type ProbePhase = 'idle' | 'scroll' | 'still'

interface ProbeElement {
  isConnected: boolean
  scrollTop: number
  scrollHeight: number
  clientHeight: number
  textContent: string | null
  closest(selector: string): ProbeElement | null
  querySelector(selector: string): ProbeElement | null
}

interface ProbeWindow {
  document: { querySelector(selector: string): ProbeElement | null; querySelectorAll(selector: string): Iterable<ProbeElement>; body: unknown }
  requestAnimationFrame(callback: (time: number) => void): number
  performance: { now(): number; timeOrigin: number }
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, boolean>): void }
  __uiProbe?: { phase: ProbePhase; result: ProbeResult }
}

/**
 * Installs the probe. The marker row's value is `{"m":<n>,"t":<wall-clock ms when published>}`; when a new `m`
 * appears in the DOM, its delay is taken at the next animation frame, i.e. when that frame is produced.
 */
export function installProbe(markerName: string): void {
  const w = globalThis as unknown as ProbeWindow
  const result: ProbeResult = { scrollFrames: [], stillFrames: [], markerDelays: [], maxScrollTop: 0 }
  const probe = { phase: 'idle' as ProbePhase, result }
  w.__uiProbe = probe
  const wallNow = (): number => w.performance.timeOrigin + w.performance.now()
  let lastFrame = 0
  let tree: ProbeElement | null = null
  let frames = 0
  let bottom = 0
  let position = 0
  let direction = 1
  let lastMarker = -1
  let seenAt: { sentAt: number } | null = null

  const frame = (time: number): void => {
    if (lastFrame > 0 && probe.phase !== 'idle') (probe.phase === 'scroll' ? result.scrollFrames : result.stillFrames).push(time - lastFrame)
    lastFrame = time
    if (seenAt) {
      result.markerDelays.push(wallNow() - seenAt.sentAt)
      seenAt = null
    }
    if (!tree?.isConnected) tree = w.document.querySelector('[role="tree"]')
    // The scroll position is kept here and only written: reading it back every frame would force a layout.
    if (tree && probe.phase === 'scroll') {
      if (frames++ % 60 === 0) {
        bottom = tree.scrollHeight - tree.clientHeight
        result.maxScrollTop = Math.max(result.maxScrollTop, tree.scrollTop)
      }
      position += direction * 48
      if (position >= bottom) [position, direction] = [bottom, -1]
      else if (position <= 0) [position, direction] = [0, 1]
      tree.scrollTop = position
    } else if (tree && probe.phase === 'still' && position !== 0) {
      position = 0
      tree.scrollTop = 0
    }
    w.requestAnimationFrame(frame)
  }
  w.requestAnimationFrame(frame)

  new w.MutationObserver(() => {
    // Rows are named by all they show, so the marker's row is found by its level name's own cell.
    const names = [...w.document.querySelectorAll('[role="treeitem"] .tree-name')]
    const value = names.find((name) => name.textContent === markerName)?.closest('[role="treeitem"]')?.querySelector('.tree-value')?.textContent
    const match = value ? /"m":(\d+),"t":([\d.]+)/.exec(value) : null
    if (!match || probe.phase === 'idle') return
    const marker = Number(match[1])
    if (marker === lastMarker) return
    lastMarker = marker
    seenAt = { sentAt: Number(match[2]) }
  }).observe(w.document.body, { childList: true, subtree: true, characterData: true })
}

/** Switches the probe's phase (runs in the page). */
export function setProbePhase(phase: ProbePhase): void {
  const probe = (globalThis as unknown as ProbeWindow).__uiProbe
  if (probe) probe.phase = phase
}

/** Reads what the probe collected (runs in the page). */
export function readProbe(): ProbeResult | undefined {
  return (globalThis as unknown as ProbeWindow).__uiProbe?.result
}
