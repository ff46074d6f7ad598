import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { installTestMain } from '../../test/testMain'
import { memoryProfiles, sampleProfile } from '../../test/memoryProfiles'
import { initialProfilesState, useProfilesStore } from '../../stores/profiles'
import { initialConnectionsState, useConnectionsStore } from '../../stores/connections'
import { ProfilesScreen } from '.'

const READING = 'syntax = "proto3";\npackage factory.v1;\nmessage Reading { double value = 1; string unit = 2; }\nmessage Alarm { string text = 1; }\n'

function addProtoFiles(...files: File[]): Promise<void> {
  return act(async () => {
    fireEvent.change(screen.getByLabelText('Protobuf files to add'), { target: { files } })
    await new Promise((resolve) => setTimeout(resolve, 10))
  })
}

describe('the profile editor decoders section', () => {
  let table: ReturnType<typeof memoryProfiles>
  beforeEach(async () => {
    table = memoryProfiles([sampleProfile('a', 'Alpha')])
    installTestMain(table.handlers)
    useProfilesStore.setState(initialProfilesState)
    useConnectionsStore.setState(initialConnectionsState)
    await useProfilesStore.getState().load()
    render(<ProfilesScreen />)
    fireEvent.click(screen.getByRole('button', { name: /^Edit Alpha/ }))
  })
  afterEach(cleanup)

  it('adds a .proto file, maps a topic filter to one of its message types, pins a decoder and saves them with the profile', async () => {
    await addProtoFiles(new File([READING], 'reading.proto'))
    expect(within(screen.getByRole('list', { name: 'Protobuf files' })).getByText('reading.proto')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Add Protobuf rule' }))
    const rule = screen.getByRole('group', { name: 'Protobuf rule 1' })
    fireEvent.change(within(rule).getByLabelText('Topic filter'), { target: { value: 'factory/+/reading' } })
    const typeMenu = within(rule).getByLabelText('Message type') as HTMLSelectElement
    expect([...typeMenu.options].map((o) => o.value)).toEqual(['', 'factory.v1.Alarm', 'factory.v1.Reading'])
    fireEvent.change(typeMenu, { target: { value: 'factory.v1.Reading' } })
    fireEvent.click(screen.getByRole('button', { name: 'Pin a decoder' }))
    const pin = screen.getByRole('group', { name: 'Decoder pin 1' })
    fireEvent.change(within(pin).getByLabelText('Topic filter'), { target: { value: 'cbor/#' } })
    const decoderMenu = within(pin).getByLabelText('Decoder') as HTMLSelectElement
    expect([...decoderMenu.options].map((o) => o.text)).toEqual(['Text', 'JSON', 'Hex', 'Base64', 'CBOR', 'MessagePack', 'Image', 'Protobuf', 'Sparkplug B'])
    fireEvent.change(decoderMenu, { target: { value: 'cbor' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })))
    expect(screen.getByRole('status').textContent).toBe('Saved "Alpha".')
    expect(table.profiles()[0]?.decoders).toEqual({
      protoFiles: [{ name: 'reading.proto', source: READING }],
      protobufRules: [{ filter: 'factory/+/reading', type: 'factory.v1.Reading' }],
      pins: [{ filter: 'cbor/#', decoder: 'cbor' }]
    })
  })

  it('shows the compile error sentence, refuses to save until it is fixed, and replaces a file added again', async () => {
    await addProtoFiles(new File(['syntax = "proto3";\nmessage Broken {'], 'reading.proto'))
    expect(screen.getByRole('alert').textContent).toMatch(/^reading\.proto is not a valid \.proto file: /)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })))
    expect(table.profiles()[0]?.decoders.protoFiles).toEqual([])
    await addProtoFiles(new File([READING], 'reading.proto'))
    await waitFor(() => expect(screen.queryByText(/is not a valid \.proto file/)).toBeNull())
    expect(within(screen.getByRole('list', { name: 'Protobuf files' })).getAllByRole('listitem')).toHaveLength(1)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })))
    expect(table.profiles()[0]?.decoders.protoFiles).toEqual([{ name: 'reading.proto', source: READING }])
  })

  it('says which rule lacks a type or has a bad filter, and removes files, rules and pins', async () => {
    await addProtoFiles(new File([READING], 'reading.proto'))
    fireEvent.click(screen.getByRole('button', { name: 'Add Protobuf rule' }))
    const rule = screen.getByRole('group', { name: 'Protobuf rule 1' })
    fireEvent.change(within(rule).getByLabelText('Topic filter'), { target: { value: 'factory/#/x' } })
    expect(within(rule).getByText('In "factory/#/x", # must stand alone as the last level (like sensors/#).')).toBeTruthy()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })))
    expect(within(rule).getByText('Pick the message type for this rule.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Remove Protobuf rule factory/#/x' }))
    fireEvent.click(screen.getByRole('button', { name: 'Remove reading.proto' }))
    fireEvent.click(screen.getByRole('button', { name: 'Pin a decoder' }))
    fireEvent.click(screen.getByRole('button', { name: 'Remove decoder pin 1' }))
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })))
    expect(table.profiles()[0]?.decoders).toEqual({ protoFiles: [], protobufRules: [], pins: [] })
  })
})
