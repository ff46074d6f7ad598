import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { UserFacingError, type PickFileRequest } from '@shared/contract'
import { installTestMain, type TestHandlers, type TestMain } from '../../test/testMain'
import { memoryProfiles, sampleProfile } from '../../test/memoryProfiles'
import { initialAppState, useAppStore } from '../../stores/app'
import { initialProfilesState, useProfilesStore } from '../../stores/profiles'
import { initialConnectionsState, useConnectionsStore } from '../../stores/connections'
import { ProfilesScreen } from '.'

const BUTTONS = ['Choose CA certificate files', 'Choose the client certificate file', 'Choose the client key file']

let table: ReturnType<typeof memoryProfiles>
let main: TestMain

/** Starts the screen as start.ts does, against a main with (or without) the given app handlers, on a TLS profile. */
async function open(appHandlers: TestHandlers): Promise<void> {
  table = memoryProfiles([sampleProfile('a', 'Alpha', { options: { ...sampleProfile('a', 'Alpha').options, protocol: 'mqtts', port: 8883 } })])
  main = installTestMain({ ...table.handlers, ...appHandlers })
  useAppStore.setState(initialAppState)
  useProfilesStore.setState(initialProfilesState)
  useConnectionsStore.setState(initialConnectionsState)
  await Promise.all([useProfilesStore.getState().load(), useAppStore.getState().loadCapabilities()])
  render(<ProfilesScreen />)
  fireEvent.click(screen.getByRole('button', { name: /^Edit Alpha/ }))
}

const text = (label: string): string => (screen.getByLabelText(label) as HTMLInputElement | HTMLTextAreaElement).value

/** A desktop main whose dialog returns the queued answers in turn. */
function desktop(answers: (string[] | Error)[]): TestHandlers {
  return {
    'app:capabilities': () => ({ nativeFilePicker: true, peerDiscovery: false }),
    'app:pickFile': () => {
      const next = answers.shift() ?? []
      if (next instanceof Error) throw next
      return { paths: next }
    }
  }
}

describe('file pickers in the profile editor', () => {
  afterEach(cleanup)

  it('shows no Browse buttons where files must be typed (headless mode)', async () => {
    await open({ 'app:capabilities': () => ({ nativeFilePicker: false, peerDiscovery: false }) })
    expect(screen.getByLabelText('CA certificate files')).toBeTruthy()
    for (const name of BUTTONS) expect(screen.queryByRole('button', { name })).toBeNull()
  })

  it('shows no Browse buttons when main cannot say what it offers', async () => {
    await open({})
    expect(screen.getByLabelText('Client key file')).toBeTruthy()
    for (const name of BUTTONS) expect(screen.queryByRole('button', { name })).toBeNull()
  })

  it('appends picked CA files once each and fills the certificate and key, then saves those paths', async () => {
    await open(desktop([['/pki/ca.pem', '/pki/intermediate.pem'], ['/pki/client.crt'], [], ['/pki/client.key']]))
    fireEvent.change(screen.getByLabelText('CA certificate files'), { target: { value: '/pki/ca.pem\n' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Choose CA certificate files' })))
    expect(text('CA certificate files')).toBe('/pki/ca.pem\n/pki/intermediate.pem')
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Choose the client certificate file' })))
    expect(text('Client certificate file')).toBe('/pki/client.crt')
    // Cancelled: the field keeps what it had.
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Choose the client certificate file' })))
    expect(text('Client certificate file')).toBe('/pki/client.crt')
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Choose the client key file' })))
    expect(text('Client key file')).toBe('/pki/client.key')

    const asked = main.calls.filter((c) => c.name === 'app:pickFile').map((c) => c.args as PickFileRequest)
    expect(asked).toEqual([
      { purpose: 'ca', multiple: true },
      { purpose: 'cert', multiple: false },
      { purpose: 'cert', multiple: false },
      { purpose: 'key', multiple: false }
    ])
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })))
    expect(table.profiles()[0]?.options.tls).toMatchObject({
      caFiles: ['/pki/ca.pem', '/pki/intermediate.pem'],
      certFile: '/pki/client.crt',
      keyFile: '/pki/client.key'
    })
  })

  it("shows main's sentence when the dialog fails", async () => {
    await open(desktop([new UserFacingError('internal', 'The file dialog could not open; type the path instead.')]))
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Choose the client key file' })))
    expect(screen.getByRole('alert').textContent).toBe('The file dialog could not open; type the path instead.')
    expect(text('Client key file')).toBe('')
  })
})
