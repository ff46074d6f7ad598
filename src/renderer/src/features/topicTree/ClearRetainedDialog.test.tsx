import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ClearRetainedProgress } from '@shared/contract'
import { forgetClientModel, getClientModel } from '../../model'
import { testDelta } from '../../test/deltas'
import { installTestMain, type TestMain } from '../../test/testMain'
import { ClearRetainedDialog } from '.'
import { countRetained } from './retainedCount'

const ID = 'clear-test'

describe('clear retained', () => {
  let main: TestMain
  let finish: ((progress: ClearRetainedProgress) => void) | null
  beforeEach(() => {
    finish = null
    forgetClientModel(ID)
    getClientModel(ID).apply(
      testDelta(ID, 1, [
        { topic: 'home', payload: 'root', retained: true },
        { topic: 'home/a', payload: '1', retained: true },
        { topic: 'home/b', payload: '2', retained: true },
        { topic: 'home/c', payload: '3' },
        { topic: 'other', payload: '4', retained: true }
      ])
    )
    main = installTestMain({
      'model:clearRetained': () => new Promise<ClearRetainedProgress>((resolve) => (finish = resolve)),
      'model:cancelClearRetained': () => ({ cancelled: true })
    })
  })
  afterEach(cleanup)

  it('counts retained topics of a node or its subtree', () => {
    const model = getClientModel(ID)
    expect(countRetained(model.node('home'), false)).toBe(1)
    expect(countRetained(model.node('home'), true)).toBe(3)
    expect(countRetained(model.node('home/c'), true)).toBe(0)
  })

  it('says how many topics, then shows progress and can cancel', async () => {
    render(<ClearRetainedDialog connectionId={ID} path="home" onClose={() => undefined} />)
    expect(screen.getByRole('dialog', { name: 'Clear 3 retained topics?' })).toBeTruthy()
    fireEvent.click(screen.getByLabelText('This topic only (1)'))
    expect(screen.getByRole('dialog', { name: 'Clear the retained value of "home"?' })).toBeTruthy()
    fireEvent.click(screen.getByLabelText('Retained topics at or below it (3)'))
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Clear 3' })))
    const request = main.calls.find((c) => c.name === 'model:clearRetained')?.args as { operationId: string; subtree: boolean; path: string }
    expect(request).toMatchObject({ connectionId: ID, path: 'home', subtree: true })
    act(() => main.emit('model:clearProgress', { connectionId: ID, operationId: request.operationId, total: 3, cleared: 1, failed: 0, done: false, cancelled: false }))
    expect(screen.getByRole('status').textContent).toBe('1 of 3 cleared.')
    expect((screen.getByLabelText('Clear progress') as HTMLProgressElement).value).toBe(1)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Cancel' })))
    expect(main.calls.at(-1)).toEqual({ name: 'model:cancelClearRetained', args: { operationId: request.operationId } })
    await act(async () => finish?.({ connectionId: ID, operationId: request.operationId, total: 3, cleared: 1, failed: 0, done: true, cancelled: true }))
    expect(screen.getByRole('status').textContent).toBe('1 of 3 cleared (cancelled).')
    expect(screen.getByRole('button', { name: 'Close' })).toBeTruthy()
  })

  it('shows refusals with their sentence', async () => {
    render(<ClearRetainedDialog connectionId={ID} path="other" onClose={() => undefined} />)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Clear 1' })))
    const request = main.calls.find((c) => c.name === 'model:clearRetained')?.args as { operationId: string }
    await act(async () => finish?.({ connectionId: ID, operationId: request.operationId, total: 1, cleared: 0, failed: 1, done: true, cancelled: false, error: 'The broker refused "other": not authorized.' }))
    expect(screen.getByRole('alert').textContent).toBe('The broker refused "other": not authorized.')
    expect(screen.getByRole('status').textContent).toBe('0 of 1 cleared, 1 refused.')
  })

  it('clears a single topic by name even without a retained flag', async () => {
    render(<ClearRetainedDialog connectionId={ID} path="home/c" onClose={() => undefined} />)
    expect(screen.getByRole('dialog', { name: 'Clear the retained value of "home/c"?' })).toBeTruthy()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Clear 1' })))
    expect(main.calls.find((c) => c.name === 'model:clearRetained')?.args).toMatchObject({ path: 'home/c', subtree: false })
  })

  it('explains when no retained value is known below a branch', () => {
    getClientModel(ID).apply(testDelta(ID, 2, [{ topic: 'plain/a', payload: '1' }]))
    render(<ClearRetainedDialog connectionId={ID} path="plain" onClose={() => undefined} />)
    expect(screen.getByRole('dialog', { name: 'Nothing to clear' })).toBeTruthy()
    expect(screen.getByText(/arrive without the retained flag/)).toBeTruthy()
    // Reconnecting does not help on RabbitMQ, which never sends retained values to a wildcard subscription.
    expect(screen.getByText(/RabbitMQ sends retained values only to a subscription to the exact topic, never to a wildcard, so there subscribe to the topic itself\./)).toBeTruthy()
  })
})
