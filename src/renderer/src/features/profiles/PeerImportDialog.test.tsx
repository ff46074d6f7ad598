import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PeerPreview } from '@shared/contract'
import { initialAppState, useAppStore } from '../../stores/app'
import { initialProfilesState, useProfilesStore } from '../../stores/profiles'
import { sampleProfile } from '../../test/memoryProfiles'
import { installTestMain, type TestMain } from '../../test/testMain'
import { PeerImportDialog } from './PeerImportDialog'

const PATH = '/home/ana/.config/MQTTX/MQTTX.db'
const preview: PeerPreview = {
  app: 'mqttx',
  kind: 'MQTTX database',
  candidates: [
    { key: '0', name: 'Warehouse', options: sampleProfile('w', 'Warehouse').options, subscriptions: [{ filter: 'w/#', qos: 1 }], group: 'Sites', hasPassword: true, inlineFiles: [] },
    { key: '1', name: 'Local dev', options: sampleProfile('d', 'Local dev').options, subscriptions: [], hasPassword: false, inlineFiles: [] }
  ],
  skipped: [{ name: 'Warehouse', reason: 'Its MQTT 5 connect property "Receive Maximum" is left out: a profile has no field for it.', wholeConnection: false }]
}

describe('import from MQTT Explorer / MQTTX', () => {
  let main: TestMain
  let imported: number[]
  beforeEach(() => {
    imported = []
    useProfilesStore.setState(initialProfilesState)
    main = installTestMain({
      'profile:findPeerData': () => ({ files: [{ app: 'mqttx', path: PATH, kind: 'MQTTX database' }] }),
      'profile:previewPeerImport': () => preview,
      'profile:importPeerProfiles': ({ keys }) => ({ imported: keys.map((k) => sampleProfile(k, `P${k}`)), profiles: [sampleProfile('1', 'Local dev')] })
    })
  })
  afterEach(() => {
    cleanup()
    useAppStore.setState(initialAppState)
  })

  const show = async (): Promise<void> => {
    await act(async () => {
      render(<PeerImportDialog onClose={() => undefined} onImported={(count) => imported.push(count)} />)
    })
  }

  it('in the desktop app lists the files found on this computer; Preview reads that path, and only ticked connections are imported', async () => {
    useAppStore.setState({ capabilities: { nativeFilePicker: true, peerDiscovery: true } })
    await show()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: `Preview ${PATH}` })))
    expect(main.calls.at(-1)).toEqual({ name: 'profile:previewPeerImport', args: { app: 'mqttx', file: { path: PATH } } })
    expect(screen.getByRole('list', { name: 'Connections to import' }).textContent).toContain('group Sites · password found (saved encrypted)')
    expect(screen.getByRole('region', { name: 'Cannot be mapped' }).textContent).toContain('Warehouse: Its MQTT 5 connect property "Receive Maximum" is left out')
    fireEvent.click(screen.getByRole('checkbox', { name: 'Warehouse' }))
    fireEvent.click(screen.getByRole('checkbox', { name: 'Save the passwords found (encrypted)' }))
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Import 1 connection' })))
    expect(main.calls.at(-1)).toEqual({ name: 'profile:importPeerProfiles', args: { app: 'mqttx', file: { path: PATH }, keys: ['1'], passwords: false } })
    expect(imported).toEqual([1])
    expect(useProfilesStore.getState().profiles.map((p) => p.name)).toEqual(['Local dev'])
  })

  it('in headless mode does not look on the server for files and offers only the file chooser', async () => {
    await show()
    expect(main.calls.map((c) => c.name)).not.toContain('profile:findPeerData')
    expect(screen.queryByRole('region', { name: 'Found on this computer' })).toBeNull()
    expect(screen.getByLabelText('MQTT Explorer or MQTTX file to import')).toBeTruthy()
    expect((screen.getByRole('button', { name: 'Import 0 connections' }) as HTMLButtonElement).disabled).toBe(true)
  })
})
