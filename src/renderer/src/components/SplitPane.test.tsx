import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { SplitPane } from './SplitPane'

describe('split pane', () => {
  afterEach(() => {
    cleanup()
    localStorage.clear()
  })

  it('resizes with the keyboard, stays above its minimum and remembers the size', () => {
    const view = render(
      <SplitPane direction="horizontal" storageKey="t" initial={300} min={200} label="Resize">
        <div>left</div>
        <div>right</div>
      </SplitPane>
    )
    const splitter = screen.getByRole('separator', { name: 'Resize' })
    fireEvent.keyDown(splitter, { key: 'ArrowRight' })
    expect(splitter.getAttribute('aria-valuenow')).toBe('310')
    fireEvent.keyDown(splitter, { key: 'ArrowLeft', shiftKey: true })
    fireEvent.keyDown(splitter, { key: 'ArrowLeft', shiftKey: true })
    fireEvent.keyDown(splitter, { key: 'ArrowLeft', shiftKey: true })
    expect(splitter.getAttribute('aria-valuenow')).toBe('200')
    view.unmount()
    render(
      <SplitPane direction="horizontal" storageKey="t" initial={300} min={200} label="Resize">
        <div>left</div>
        <div>right</div>
      </SplitPane>
    )
    expect(screen.getByRole('separator').getAttribute('aria-valuenow')).toBe('200')
  })
})
