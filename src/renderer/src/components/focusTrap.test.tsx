import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, expect, it } from 'vitest'
import { ConfirmDialog } from './ConfirmDialog'

afterEach(cleanup)

it('keeps Tab inside a modal dialog: past the last control to the first, and back', () => {
  render(
    <>
      <button type="button">Behind the dialog</button>
      <ConfirmDialog title="Delete it?" confirmLabel="Delete" onConfirm={() => undefined} onCancel={() => undefined}>
        <p>Sure?</p>
      </ConfirmDialog>
    </>
  )
  const cancel = screen.getByRole('button', { name: 'Cancel' })
  const confirm = screen.getByRole('button', { name: 'Delete' })
  expect(document.activeElement).toBe(cancel)
  confirm.focus()
  fireEvent.keyDown(confirm, { key: 'Tab' })
  expect(document.activeElement).toBe(cancel)
  fireEvent.keyDown(cancel, { key: 'Tab', shiftKey: true })
  expect(document.activeElement).toBe(confirm)
})
