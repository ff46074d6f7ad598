import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ParsedArgsOf } from '@shared/contract'
import { forgetClientModel, getClientModel } from '../../model'
import { testDelta, type TestChange } from '../../test/deltas'
import { initialSelectionState, useSelectionStore } from '../../stores/selection'
import { initialTreeSearchState, useTreeSearchStore } from '../../stores/treeSearch'
import { initialTreeViewState, useTreeViewStore } from '../../stores/treeView'
import { installTestMain } from '../../test/testMain'
import { TopicTree, TreeToolbar } from '.'

const ID = 'tree-test'
let seq = 0

async function feed(changes: TestChange[], removed: string[] = []): Promise<void> {
  getClientModel(ID).apply(testDelta(ID, ++seq, changes, removed))
  // The model tells React once per animation frame.
  await act(() => new Promise((resolve) => setTimeout(resolve, 40)))
}

function renderTree(): { cleared: string[] } {
  const cleared: string[] = []
  render(
    <>
      <TreeToolbar connectionId={ID} />
      <TopicTree connectionId={ID} onClearRetained={(path) => cleared.push(path)} />
    </>
  )
  return { cleared }
}

const wait = async (ms: number): Promise<void> => {
  await act(() => new Promise((resolve) => setTimeout(resolve, ms)))
}

/** A row's level name (rows are named by all their content: name, value and counts). */
const levelName = (row: HTMLElement): string => row.querySelector('.tree-name')?.textContent ?? ''
const rowNames = (): string[] => screen.queryAllByRole('treeitem').map(levelName)

/** The shown row whose level name is `name`. */
function rowNamed(name: string): HTMLElement {
  const found = screen.queryAllByRole('treeitem').find((r) => levelName(r) === name)
  if (!found) throw new Error(`No tree row named ${name}; rows: ${rowNames().join(', ')}`)
  return found
}

describe('topic tree', () => {
  beforeEach(() => {
    seq = 0
    forgetClientModel(ID)
    useTreeViewStore.setState(initialTreeViewState)
    useTreeSearchStore.setState(initialTreeSearchState)
    useSelectionStore.setState(initialSelectionState)
  })
  afterEach(cleanup)

  it('renders only the visible rows of a 100k-topic tree', async () => {
    renderTree()
    await feed(Array.from({ length: 100_000 }, (_, i) => ({ topic: `fleet/d${String(i).padStart(6, '0')}`, payload: 'ok' })))
    expect(rowNames()).toEqual(['fleet'])
    fireEvent.click(rowNamed('fleet').querySelector('.twisty') as Element)
    const rows = screen.getAllByRole('treeitem')
    expect(rows.length).toBeGreaterThan(10)
    expect(rows.length).toBeLessThan(60)
    expect(rows[1]?.getAttribute('aria-level')).toBe('2')
    expect(rows[0]?.getAttribute('aria-expanded')).toBe('true')
    expect(rows[0]?.textContent).toContain('100000 topics')
    // Position and set size come from the row model: most of the 100,000 siblings are not in the DOM.
    const last = rows.at(-1) as HTMLElement
    expect(rows[1]?.getAttribute('aria-posinset')).toBe('1')
    expect(last.getAttribute('aria-posinset')).toBe(String(rows.length - 1))
    expect(last.getAttribute('aria-setsize')).toBe('100000')
    expect(rows[0]?.getAttribute('aria-setsize')).toBe('1')
  })

  it("states each row's level, position among its siblings, expansion and selection, the filter included", async () => {
    renderTree()
    await feed([{ topic: 'a/x', payload: '1', retained: true }, { topic: 'a/y', payload: '2' }, { topic: 'b', payload: '3' }])
    fireEvent.click(rowNamed('a'))
    fireEvent.keyDown(screen.getByRole('tree'), { key: 'ArrowRight' })
    fireEvent.keyDown(screen.getByRole('tree'), { key: 'ArrowDown' })
    const aria = (): string[][] =>
      screen.getAllByRole('treeitem').map((r) => [levelName(r), ...['aria-level', 'aria-posinset', 'aria-setsize', 'aria-expanded', 'aria-selected'].map((name) => r.getAttribute(name) ?? '-')])
    expect(aria()).toEqual([
      ['a', '1', '1', '2', 'true', 'false'],
      ['x', '2', '1', '2', '-', 'true'],
      ['y', '2', '2', '2', '-', 'false'],
      ['b', '1', '2', '2', '-', 'false']
    ])
    // A row is named by all it shows (WCAG 2.5.3); the retained marker "R" is explained in its description.
    expect(screen.getByRole('treeitem', { name: 'x R = 1 1 message' }).getAttribute('aria-describedby')).toBeTruthy()
    expect(document.getElementById(rowNamed('x').getAttribute('aria-describedby') ?? '')?.textContent).toBe('Retained value')
    expect(rowNamed('y').getAttribute('aria-describedby')).toBeNull()
    fireEvent.change(screen.getByLabelText('Filter topics'), { target: { value: 'y' } })
    expect(aria()).toEqual([
      ['a', '1', '1', '1', 'true', 'false'],
      ['y', '2', '1', '1', '-', 'false']
    ])
  })

  it('shows name, value preview, counts and the retained marker', async () => {
    renderTree()
    await feed([{ topic: 'home/temp', payload: '{"c": 21.5}', messageCount: 7, retained: true }])
    fireEvent.click(rowNamed('home'))
    fireEvent.keyDown(screen.getByRole('tree'), { key: 'ArrowRight' })
    const row = rowNamed('temp')
    expect(row.textContent).toContain('= {"c": 21.5}')
    expect(row.textContent).toContain('7 messages')
    expect(within(row).getByTitle('Retained value')).toBeTruthy()
  })

  it('navigates with the keyboard and selects the topic', async () => {
    renderTree()
    await feed([{ topic: 'a/x', payload: '1' }, { topic: 'a/y', payload: '2' }, { topic: 'b', payload: '3' }])
    const tree = screen.getByRole('tree')
    fireEvent.keyDown(tree, { key: 'ArrowDown' })
    fireEvent.keyDown(tree, { key: 'Enter' })
    expect(rowNames()).toEqual(['a', 'x', 'y', 'b'])
    fireEvent.keyDown(tree, { key: 'End' })
    expect(useSelectionStore.getState().selections[ID]?.path).toBe('b')
    expect(rowNamed('b').getAttribute('aria-selected')).toBe('true')
    expect(tree.getAttribute('aria-activedescendant')).toBe(rowNamed('b').id)
    fireEvent.keyDown(tree, { key: 'Home' })
    fireEvent.keyDown(tree, { key: 'ArrowLeft' })
    expect(rowNames()).toEqual(['a', 'b'])
  })

  it('filters topic names at once, and explains a bad pattern before asking main', async () => {
    renderTree()
    await feed([{ topic: 'home/kitchen/temp', payload: '21' }, { topic: 'home/attic/hum', payload: '40' }, { topic: 'garden/temp', payload: '9' }])
    fireEvent.change(screen.getByLabelText('Filter topics'), { target: { value: 'temp' } })
    expect(rowNames()).toEqual(['garden', 'temp', 'home', 'kitchen', 'temp'])
    fireEvent.change(screen.getByLabelText('Filter mode'), { target: { value: 'regex' } })
    fireEvent.change(screen.getByLabelText('Filter topics'), { target: { value: '[' } })
    expect(screen.getByRole('alert').textContent).toMatch(/regular expression is not valid/)
    fireEvent.change(screen.getByLabelText('Filter mode'), { target: { value: 'wildcard' } })
    fireEvent.change(screen.getByLabelText('Filter on'), { target: { value: 'payload' } })
    expect(screen.getByRole('alert').textContent).toMatch(/MQTT wildcards match topic names/)
  })

  it('searches payloads in main, shows matches as they stream in, and cancels a search the user typed past', async () => {
    const searches: ParsedArgsOf<'model:search'>[] = []
    const cancelled: string[] = []
    let finish: (() => void) | undefined
    const main = installTestMain({
      'model:search': (args) => {
        searches.push(args)
        const topics = args.query === 'alarm' ? ['home/attic/hum', 'garden/temp'] : []
        main.emit('model:searchProgress', { connectionId: ID, searchId: args.searchId, topics: topics.slice(0, 1), scanned: 1, total: 3 })
        return new Promise((resolve) => (finish = () => resolve({ connectionId: ID, searchId: args.searchId, topics, status: 'limit', scanned: 2, total: 3 })))
      },
      'model:cancelSearch': ({ searchId }) => {
        cancelled.push(searchId)
        return { cancelled: true }
      }
    })
    renderTree()
    await feed([{ topic: 'home/kitchen/temp', payload: '21' }, { topic: 'home/attic/hum', payload: '40' }, { topic: 'garden/temp', payload: '9' }])
    fireEvent.change(screen.getByLabelText('Filter on'), { target: { value: 'payload' } })
    fireEvent.click(screen.getByLabelText('Search history'))
    fireEvent.change(screen.getByLabelText('Filter topics'), { target: { value: 'ala' } })
    await wait(300)
    expect(searches).toHaveLength(1)
    fireEvent.change(screen.getByLabelText('Filter topics'), { target: { value: 'alarm' } })
    expect(cancelled).toEqual([searches[0]!.searchId])
    expect(screen.getByText('Searching…')).toBeTruthy()
    await wait(300)
    expect(searches[1]).toMatchObject({ connectionId: ID, kind: 'payload', query: 'alarm', history: true, decoded: false, limit: 10_000 })
    // The first match arrived as progress; the reply is still pending.
    expect(rowNames()).toEqual(['home', 'attic', 'hum'])
    expect(screen.getByRole('status', { name: 'Search status' }).textContent).toBe('Searching… 1 of 3 topics so far.')
    await act(async () => finish?.())
    expect(rowNames()).toEqual(['garden', 'temp', 'home', 'attic', 'hum'])
    expect(screen.getByRole('status', { name: 'Search status' }).textContent).toBe('Stopped after 10,000 matching topics: narrow the search.')
    fireEvent.keyDown(screen.getByLabelText('Filter topics'), { key: 'Escape' })
    expect(rowNames()).toEqual(['garden', 'home'])
  })

  it('asks main for the decoded text when the box is ticked (main decodes by the connection profile)', async () => {
    const searches: ParsedArgsOf<'model:search'>[] = []
    installTestMain({
      'model:search': (args) => {
        searches.push(args)
        return { connectionId: ID, searchId: args.searchId, topics: [], status: 'complete', scanned: 0, total: 0 }
      }
    })
    renderTree()
    fireEvent.change(screen.getByLabelText('Filter on'), { target: { value: 'payload' } })
    fireEvent.change(screen.getByLabelText('Filter topics'), { target: { value: '"bar":4.5' } })
    await wait(300)
    fireEvent.click(screen.getByLabelText('Decoded text'))
    await wait(300)
    expect(searches.map((s) => [s.query, s.decoded])).toEqual([['"bar":4.5', false], ['"bar":4.5', true]])
    expect(screen.getByRole('status', { name: 'Search status' }).textContent).toBe('No matching topics of 0 topics. Press Enter to search again with new messages.')
  })

  it('starts filtering when the user types in the tree', async () => {
    renderTree()
    await feed([{ topic: 'kitchen', payload: '1' }, { topic: 'attic', payload: '2' }])
    fireEvent.keyDown(screen.getByRole('tree'), { key: 'k' })
    fireEvent.keyDown(screen.getByRole('tree'), { key: 'i' })
    expect(document.activeElement).toBe(screen.getByLabelText('Filter topics'))
    expect((screen.getByLabelText('Filter topics') as HTMLInputElement).value).toBe('ki')
    expect(rowNames()).toEqual(['kitchen'])
  })

  it('keeps the topic chosen while filtering in sight when the filter is cleared', async () => {
    renderTree()
    await feed([{ topic: 'a/b/c', payload: '1' }, { topic: 'z', payload: '2' }])
    fireEvent.change(screen.getByLabelText('Filter topics'), { target: { value: 'c' } })
    fireEvent.click(rowNamed('c'))
    fireEvent.keyDown(screen.getByLabelText('Filter topics'), { key: 'Escape' })
    expect(rowNames()).toEqual(['a', 'b', 'c', 'z'])
    expect(rowNamed('c').getAttribute('aria-selected')).toBe('true')
  })

  it('copies the selected topic path with Ctrl+C', async () => {
    renderTree()
    await feed([{ topic: 'a/b', payload: '1' }])
    const tree = screen.getByRole('tree')
    fireEvent.keyDown(tree, { key: 'Home' })
    fireEvent.keyDown(tree, { key: 'ArrowRight' })
    fireEvent.keyDown(tree, { key: 'ArrowDown' })
    await act(async () => fireEvent.keyDown(tree, { key: 'c', ctrlKey: true }))
    expect(await navigator.clipboard.readText()).toBe('a/b')
    expect(screen.getByRole('status').textContent).toBe('Copied "a/b".')
  })

  it('sorts by last update and by count from the toolbar', async () => {
    renderTree()
    await feed([{ topic: 'old', payload: '1', receivedAt: 1, messageCount: 50 }, { topic: 'new', payload: '1', receivedAt: 9, messageCount: 2 }, { topic: 'mid', payload: '1', receivedAt: 5, messageCount: 9 }])
    expect(rowNames()).toEqual(['mid', 'new', 'old'])
    fireEvent.click(screen.getByRole('button', { name: 'Sort by last update' }))
    expect(rowNames()).toEqual(['new', 'mid', 'old'])
    fireEvent.click(screen.getByRole('button', { name: 'Sort by count' }))
    expect(rowNames()).toEqual(['old', 'mid', 'new'])
    fireEvent.click(screen.getByRole('button', { name: 'Sort by count, descending' }))
    expect(rowNames()).toEqual(['new', 'mid', 'old'])
  })

  it('pauses the view while the model keeps receiving, and catches up on resume', async () => {
    renderTree()
    await feed([{ topic: 'first', payload: '1' }])
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }))
    await feed([{ topic: 'second', payload: '2' }])
    expect(rowNames()).toEqual(['first'])
    expect(getClientModel(ID).topicCount).toBe(2)
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }))
    expect(rowNames()).toEqual(['first', 'second'])
  })

  it('highlights a row that just changed and asks to clear retained with Delete', async () => {
    const { cleared } = renderTree()
    await feed([{ topic: 'lamp', payload: 'on', receivedAt: 10 }])
    const row = rowNamed('lamp')
    expect(row.querySelector('.tree-flash')).toBeNull()
    await feed([{ topic: 'lamp', payload: 'off', receivedAt: 20, messageCount: 2 }])
    expect(row.querySelector('.tree-flash')).not.toBeNull()
    expect(row.textContent).toContain('= off')
    fireEvent.click(row)
    fireEvent.keyDown(screen.getByRole('tree'), { key: 'Delete' })
    expect(cleared).toEqual(['lamp'])
  })
})
