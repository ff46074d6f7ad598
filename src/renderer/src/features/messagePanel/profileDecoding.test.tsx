import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { encode as cborEncode } from 'cborg'
import protobuf from 'protobufjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DecoderPrefs, MessageRecord } from '@shared/contract'
import { EditorKindContext } from '../../components/code'
import { forgetClientModel, getClientModel } from '../../model'
import { testDelta } from '../../test/deltas'
import { sampleProfile } from '../../test/memoryProfiles'
import { testRecord } from '../../test/records'
import { installTestMain } from '../../test/testMain'
import { initialConnectionsState, useConnectionsStore } from '../../stores/connections'
import { initialProfilesState, useProfilesStore } from '../../stores/profiles'
import { initialSelectionState, useSelectionStore } from '../../stores/selection'
import { decodedCells } from './historyDecoded'
import { MessagePanel } from '.'

const ID = 'decoding-test'
const PROTO = { name: 'reading.proto', source: 'syntax = "proto3"; package f; message Reading { double value = 1; string unit = 2; }' }
// The independent encoder: protobufjs's generated encode over its own parse of the same text.
const Reading = protobuf.parse(PROTO.source, { keepCase: true }).root.lookupType('f.Reading')
const reading = (value: number): Uint8Array => Reading.encode(Reading.fromObject({ value, unit: 'bar' })).finish()
const DECODERS: DecoderPrefs = { protoFiles: [PROTO], protobufRules: [{ filter: 'pb/#', type: 'f.Reading' }], pins: [{ filter: 'cbor/#', decoder: 'cbor' }] }

describe('decoding with the connection profile', () => {
  let histories: Record<string, MessageRecord[]>
  beforeEach(() => {
    forgetClientModel(ID)
    useSelectionStore.setState(initialSelectionState)
    histories = {
      'cbor/line1': [testRecord(2, cborEncode({ t: 22 })), testRecord(1, cborEncode({ t: 21 }))],
      'pb/line1': [testRecord(2, reading(1.5)), testRecord(1, reading(1.25))]
    }
    installTestMain({ 'model:history': ({ topic }) => ({ messages: histories[topic] ?? [], messageCount: 2, oldestSeq: 1 }) })
    useProfilesStore.setState({ ...initialProfilesState, profiles: [sampleProfile('a', 'Plant', { decoders: DECODERS })], loaded: true })
    useConnectionsStore.setState({ ...initialConnectionsState, tabs: [{ connectionId: ID, profileId: 'a', state: 'connected', error: null, errorCode: null, subscriptionResults: {}, since: 0 }] })
    getClientModel(ID).apply(
      testDelta(ID, 1, [
        { topic: 'cbor/line1', payload: cborEncode({ t: 22 }), messageCount: 2 },
        { topic: 'pb/line1', payload: reading(1.5), messageCount: 2 }
      ])
    )
  })
  afterEach(cleanup)

  const renderPanel = async (path: string): Promise<void> => {
    useSelectionStore.getState().selectPath(ID, path)
    render(
      <EditorKindContext.Provider value="plain">
        <MessagePanel connectionId={ID} onClearRetained={() => undefined} />
      </EditorKindContext.Provider>
    )
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
  }
  const viewer = (): string => screen.getByLabelText(/^Value of message/).textContent ?? ''
  const format = (): HTMLSelectElement => screen.getByLabelText('Value format') as HTMLSelectElement

  it('reads a pinned topic with its decoder without a choice, in the viewer, the history list and the diff', async () => {
    await renderPanel('cbor/line1')
    expect(viewer()).toBe('{\n  "t": 22\n}')
    expect(format().selectedOptions[0]?.text).toBe('Pinned (CBOR)')
    const rows = within(screen.getByRole('listbox', { name: 'Message history' })).getAllByRole('option')
    expect(rows.map((row) => row.querySelector('.history-value')?.textContent)).toEqual(['{"t":22}', '{"t":21}'])
    fireEvent.click(screen.getByLabelText('Show diff'))
    expect(screen.getByLabelText('Message 1 compared with message 2').textContent).toMatch(/"t": 21[\s\S]*"t": 22/)
    // The user's choice wins over the pin.
    fireEvent.click(screen.getByLabelText('Show diff'))
    fireEvent.change(format(), { target: { value: 'hex' } })
    expect(viewer()).toMatch(/^00000000 {2}a1 61 74 16/)
    // ...for that topic only: another topic reads by its own rule again.
    act(() => useSelectionStore.getState().selectPath(ID, 'pb/line1'))
    // The history of the next topic arrives after the panel's refresh throttle.
    await waitFor(() => expect(format().selectedOptions[0]?.text).toBe('Auto (Protobuf)'))
  })

  it('reads Protobuf only by a rule, offers it in the menu, and follows a change of the profile', async () => {
    await renderPanel('pb/line1')
    expect(viewer()).toBe('{\n  "value": 1.5,\n  "unit": "bar"\n}')
    expect(format().selectedOptions[0]?.text).toBe('Auto (Protobuf)')
    expect([...format().options].map((o) => o.value)).toContain('protobuf')
    // The profile saved without its rule: the same bytes are not guessed to be Protobuf.
    act(() => useProfilesStore.setState({ profiles: [sampleProfile('a', 'Plant', { decoders: { ...DECODERS, protobufRules: [] } })] }))
    expect(format().selectedOptions[0]?.text).toBe('Auto (Hex)')
    expect([...format().options].map((o) => o.value)).not.toContain('protobuf')
  })

  it('says the .proto files cannot be used when they do not compile, for the topics a rule covers', async () => {
    useProfilesStore.setState({ profiles: [sampleProfile('a', 'Plant', { decoders: { ...DECODERS, protobufRules: [{ filter: 'pb/#', type: 'f.Gone' }] } })] })
    await renderPanel('pb/line1')
    expect(format().selectedOptions[0]?.text).toBe('Auto (Protobuf)')
    expect(screen.getByRole('alert').textContent).toBe(
      'The profile\'s .proto files cannot be used: No message type "f.Gone" is defined in the profile\'s .proto files (for topics "pb/#"). The bytes are shown as hex.'
    )
  })

  it('fills the CSV export\'s decoded column by the pin and the rule', async () => {
    const cbor = await decodedCells(ID, 'cbor/line1', histories['cbor/line1'] ?? [])
    expect(cbor.get(2)).toEqual({ decoder: 'cbor', text: '{ "t": 22 }' })
    const pb = await decodedCells(ID, 'pb/line1', histories['pb/line1'] ?? [])
    expect(pb.get(1)).toEqual({ decoder: 'protobuf', text: '{ "value": 1.25, "unit": "bar" }' })
  })
})
