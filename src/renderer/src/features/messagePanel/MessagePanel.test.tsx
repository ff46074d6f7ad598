import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UserFacingError, type MessageRecord } from '@shared/contract'
import { EditorKindContext } from '../../components/code'
import { forgetClientModel, getClientModel } from '../../model'
import { testDelta } from '../../test/deltas'
import { testRecord } from '../../test/records'
import { installTestMain, type TestMain } from '../../test/testMain'
import { initialSelectionState, useSelectionStore } from '../../stores/selection'
import { MessagePanel } from '.'

const ID = 'panel-test'
const TOPIC = 'home/sensor'

describe('message panel', () => {
  let main: TestMain
  let history: MessageRecord[]
  let whole: Uint8Array
  beforeEach(() => {
    forgetClientModel(ID)
    useSelectionStore.setState(initialSelectionState)
    history = [
      testRecord(3, '{"t":23,"unit":"C"}', { retain: true, qos: 1, properties: { contentType: 'application/json', userProperties: [['site', 'lab']] } }),
      testRecord(2, '{"t":22,"unit":"C"}', { dup: true }),
      testRecord(1, '{"t":21,"unit":"C"}')
    ]
    whole = new TextEncoder().encode('x'.repeat(5000))
    main = installTestMain({
      'model:history': ({ topic }) => {
        if (topic !== TOPIC) throw new UserFacingError('not-found', 'No such topic.')
        return { messages: history, messageCount: history.length, oldestSeq: 1 }
      },
      'model:message': ({ seq }) => testRecord(seq, whole)
    })
    getClientModel(ID).apply(testDelta(ID, 1, [{ topic: TOPIC, payload: '{"t":23,"unit":"C"}', messageCount: 3 }, { topic: 'home/other', payload: 'x' }]))
  })
  afterEach(cleanup)

  const renderPanel = async (path: string) => {
    useSelectionStore.getState().selectPath(ID, path)
    const cleared: string[] = []
    render(
      <EditorKindContext.Provider value="plain">
        <MessagePanel connectionId={ID} onClearRetained={(p) => cleared.push(p)} />
      </EditorKindContext.Provider>
    )
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
    return { cleared }
  }
  const viewer = (): string => screen.getByLabelText(/^Value of message/).textContent ?? ''

  it('lists the history with time, QoS, flags, size and v5 marker', async () => {
    await renderPanel(TOPIC)
    const options = within(screen.getByRole('listbox', { name: 'Message history' })).getAllByRole('option')
    expect(options).toHaveLength(3)
    expect(options[0]?.textContent).toContain('QoS 1')
    expect(within(options[0] as HTMLElement).getByTitle('Retained')).toBeTruthy()
    expect(within(options[0] as HTMLElement).getByTitle('Has MQTT 5 properties')).toBeTruthy()
    expect(within(options[1] as HTMLElement).getByTitle('Duplicate delivery')).toBeTruthy()
    expect(options[0]?.textContent).toContain('19 B')
  })

  it('shows the latest value as pretty JSON with its v5 properties, and switches format', async () => {
    await renderPanel(TOPIC)
    expect(viewer()).toBe('{\n  "t": 23,\n  "unit": "C"\n}')
    const properties = screen.getByLabelText('MQTT 5 properties')
    expect(properties.textContent).toContain('application/json')
    expect(properties.textContent).toContain('User: site')
    fireEvent.change(screen.getByLabelText('Value format'), { target: { value: 'hex' } })
    expect(viewer().startsWith('00000000  7b 22 74 22')).toBe(true)
    expect(viewer()).toContain('|{"t":23,"unit":"|')
    fireEvent.change(screen.getByLabelText('Value format'), { target: { value: 'base64' } })
    expect(viewer()).toBe(btoa('{"t":23,"unit":"C"}'))
  })

  it('decodes CBOR and MessagePack on request, shows pictures, and says when a payload is not what the decoder reads', async () => {
    const { encode: cbor } = await import('cborg')
    const { encode: msgpack } = await import('@msgpack/msgpack')
    const { imageFixtures } = await import('@shared/decoders/test/imageFixtures')
    const png = Uint8Array.from(atob(imageFixtures['sensor.png']), (c) => c.charCodeAt(0))
    history = [testRecord(3, png), testRecord(2, msgpack({ t: 22, big: 2n ** 60n }, { useBigInt64: true })), testRecord(1, cbor({ t: 21, on: true }))]
    await renderPanel(TOPIC)
    const picture = screen.getByRole('img', { name: 'Image in message 3' }) as HTMLImageElement
    expect(picture.src.startsWith('data:image/png;base64,iVBORw0KGgo')).toBe(true)
    expect(screen.getByText('PNG image 37×21, 582 B', { selector: 'figcaption' })).toBeTruthy()
    expect(screen.getByRole('option', { name: /PNG image 37×21, 582 B/ })).toBeTruthy()
    expect((screen.getByLabelText('Value format') as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('Auto (Image)')
    fireEvent.click(screen.getAllByRole('option')[1] as HTMLElement)
    fireEvent.change(screen.getByLabelText('Value format'), { target: { value: 'msgpack' } })
    expect(viewer()).toBe('{\n  "t": 22,\n  "big": "1152921504606846976"\n}')
    fireEvent.click(screen.getAllByRole('option')[2] as HTMLElement)
    fireEvent.change(screen.getByLabelText('Value format'), { target: { value: 'cbor' } })
    expect(viewer()).toBe('{\n  "t": 21,\n  "on": true\n}')
    fireEvent.change(screen.getByLabelText('Value format'), { target: { value: 'image' } })
    expect(screen.getByRole('alert').textContent).toMatch(/not a PNG, JPEG, GIF or WebP image.*The bytes are shown as hex\./)
    expect(viewer().startsWith('00000000  a2')).toBe(true)
  })

  it('shows an older message chosen in the history, by click or arrow key', async () => {
    await renderPanel(TOPIC)
    fireEvent.click(screen.getAllByRole('option')[2] as HTMLElement)
    expect(viewer()).toContain('"t": 21')
    fireEvent.keyDown(screen.getByRole('listbox'), { key: 'ArrowUp' })
    expect(viewer()).toContain('"t": 22')
    fireEvent.click(screen.getByRole('button', { name: 'Follow latest' }))
    expect(viewer()).toContain('"t": 23')
  })

  it('compares with the previous message or a chosen one', async () => {
    await renderPanel(TOPIC)
    fireEvent.click(screen.getByLabelText('Show diff'))
    const diff = screen.getByRole('group', { name: 'Message 2 compared with message 3' })
    expect(within(diff).getByLabelText('Earlier message').textContent).toContain('"t": 22')
    expect(within(diff).getByLabelText('Later message').textContent).toContain('"t": 23')
    fireEvent.change(screen.getByLabelText('Diff against'), { target: { value: '1' } })
    expect(screen.getByRole('group', { name: 'Message 1 compared with message 3' })).toBeTruthy()
  })

  it('loads a truncated payload on demand, showing its size', async () => {
    history = [testRecord(3, 'x'.repeat(100), { size: 5000, truncated: true, large: true })]
    await renderPanel(TOPIC)
    expect(screen.getByText('Showing the first 100 B of 4.9 KB.')).toBeTruthy()
    expect((screen.getByRole('button', { name: 'Save payload' }) as HTMLButtonElement).disabled).toBe(true)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Load all 4.9 KB' })))
    expect(main.calls.at(-1)).toEqual({ name: 'model:message', args: { connectionId: ID, topic: TOPIC, seq: 3 } })
    expect(viewer()).toHaveLength(5000)
    expect((screen.getByRole('button', { name: 'Save payload' }) as HTMLButtonElement).disabled).toBe(false)
  })

  it('keeps the history current on a topic that changes faster than a request returns', async () => {
    let slow = 0
    installTestMain({
      'model:history': async () => {
        await new Promise((resolve) => setTimeout(resolve, 40))
        slow++
        return { messages: history, messageCount: history.length, oldestSeq: 1 }
      }
    })
    history = [testRecord(3, 'first')]
    await renderPanel(TOPIC)
    let shownWhileBusy = ''
    for (let seq = 4; seq < 40; seq++) {
      history = [testRecord(seq, `value ${seq}`), ...history]
      getClientModel(ID).apply(testDelta(ID, seq - 2, [{ topic: TOPIC, payload: `value ${seq}`, messageCount: seq }]))
      await act(() => new Promise((resolve) => setTimeout(resolve, 15)))
      if (seq === 38) shownWhileBusy = viewer()
    }
    expect(shownWhileBusy).not.toBe('first')
    await act(() => new Promise((resolve) => setTimeout(resolve, 400)))
    expect(slow).toBeLessThan(10)
    expect(viewer()).toBe('value 39')
  })

  it('says when a payload was evicted', async () => {
    history = [testRecord(3, new Uint8Array(0), { size: 2048, payloadEvicted: true })]
    await renderPanel(TOPIC)
    expect(screen.getByText(/was dropped to stay within the memory budget/)).toBeTruthy()
  })

  it('shows totals for a branch and offers clear retained', async () => {
    const { cleared } = await renderPanel('home')
    expect(screen.getByText('2 topics, 4 messages')).toBeTruthy()
    expect(screen.getByText(/no value of its own/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Clear retained…' }))
    expect(cleared).toEqual(['home'])
  })
})
