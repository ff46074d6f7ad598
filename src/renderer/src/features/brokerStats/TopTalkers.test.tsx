import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { TalkerOrder } from '@shared/contract'
import { installTestMain } from '../../test/testMain'
import { useSelectionStore } from '../../stores/selection'
import { useTreeViewStore } from '../../stores/treeView'
import { TopTalkers } from './TopTalkers'

const rows = {
  messages: [
    { path: 'site/line/chatty', messagesPerSecond: 50, bytesPerSecond: 100, topicCount: 1 },
    { path: 'site/cam/picture', messagesPerSecond: 5, bytesPerSecond: 100_000, topicCount: 1 }
  ],
  bytes: [
    { path: 'site/cam/picture', messagesPerSecond: 5, bytesPerSecond: 100_000, topicCount: 1 },
    { path: 'site/line/chatty', messagesPerSecond: 50, bytesPerSecond: 100, topicCount: 1 }
  ]
}

describe('TopTalkers', () => {
  afterEach(cleanup)

  it('shows what main ranks, asks again by bytes, and selects a clicked topic with its branch open', async () => {
    const main = installTestMain({
      'model:topTalkers': ({ order }) => ({ measuredMs: 4_000, topics: rows[order as TalkerOrder], subtrees: [{ path: 'site', messagesPerSecond: 55, bytesPerSecond: 100_100, topicCount: 2 }] })
    })
    render(<TopTalkers connectionId="talk" />)
    const topics = await screen.findByRole('table', { name: 'Topics' })
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)))
    expect(within(topics).getAllByRole('row').slice(1).map((row) => row.textContent)).toEqual(['site/line/chatty50 msg/s100 B/s', 'site/cam/picture5.0 msg/s97.7 KB/s'])
    expect(within(screen.getByRole('table', { name: 'Subtrees' })).getByRole('row', { name: /site \(2 topics\)/ })).toBeTruthy()
    // Rates cover only the 4 s measured so far: the panel says so.
    expect(screen.getByRole('status').textContent).toMatch(/^Measuring since 4 s ago/)

    await act(async () => fireEvent.click(within(topics).getByRole('button', { name: 'Bytes' })))
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)))
    expect(main.calls.at(-1)).toEqual({ name: 'model:topTalkers', args: { connectionId: 'talk', window: '10s', order: 'bytes', limit: 10 } })
    expect(within(topics).getAllByRole('row')[1]?.textContent).toMatch(/^site\/cam\/picture/)

    fireEvent.change(screen.getByRole('combobox', { name: 'Rate window' }), { target: { value: '1m' } })
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)))
    expect(main.calls.at(-1)?.args).toMatchObject({ window: '1m' })

    fireEvent.click(within(topics).getByRole('button', { name: 'site/cam/picture' }))
    expect(useSelectionStore.getState().selections['talk']?.path).toBe('site/cam/picture')
    expect([...(useTreeViewStore.getState().views['talk']?.expanded ?? [])]).toEqual(['site', 'site/cam'])
  })
})
