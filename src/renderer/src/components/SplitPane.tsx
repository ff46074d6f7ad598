import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react'

/** Two panes with a draggable, keyboard-operable divider; the first pane's size is remembered per `storageKey`. */
export interface SplitPaneProps {
  direction: 'horizontal' | 'vertical'
  storageKey: string
  /** Initial size of the first pane in pixels. */
  initial: number
  min?: number
  label: string
  children: [ReactNode, ReactNode]
}

function readSize(key: string, fallback: number): number {
  const stored = Number(localStorage.getItem(`split:${key}`))
  return Number.isFinite(stored) && stored > 0 ? stored : fallback
}

export function SplitPane({ direction, storageKey, initial, min = 120, label, children }: SplitPaneProps): React.JSX.Element {
  const [size, setSize] = useState(() => readSize(storageKey, initial))
  const drag = useRef<{ start: number; size: number } | null>(null)
  const horizontal = direction === 'horizontal'

  const commit = useCallback(
    (next: number) => {
      const clamped = Math.max(min, Math.round(next))
      setSize(clamped)
      localStorage.setItem(`split:${storageKey}`, String(clamped))
    },
    [min, storageKey]
  )

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { start: horizontal ? event.clientX : event.clientY, size }
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    if (!drag.current) return
    const delta = (horizontal ? event.clientX : event.clientY) - drag.current.start
    commit(drag.current.size + delta)
  }
  const onPointerUp = (): void => {
    drag.current = null
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step = event.shiftKey ? 50 : 10
    const back = horizontal ? 'ArrowLeft' : 'ArrowUp'
    const forward = horizontal ? 'ArrowRight' : 'ArrowDown'
    if (event.key === back) commit(size - step)
    else if (event.key === forward) commit(size + step)
    else return
    event.preventDefault()
  }

  return (
    <div className={`split ${direction}`}>
      <div className="pane" style={horizontal ? { width: size } : { height: size }}>
        {children[0]}
      </div>
      <div
        className="splitter"
        role="separator"
        tabIndex={0}
        aria-label={label}
        aria-orientation={horizontal ? 'vertical' : 'horizontal'}
        aria-valuenow={size}
        aria-valuemin={min}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
      />
      <div className="pane rest">{children[1]}</div>
    </div>
  )
}
