import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { installTestMain, type TestMain } from '../../test/testMain'
import { sampleProfile } from '../../test/memoryProfiles'
import { initialProfilesState, useProfilesStore } from '../../stores/profiles'
import { ProfileTransfer } from './ProfileTransfer'

describe('profile export and import', () => {
  let main: TestMain
  const downloads: string[] = []
  beforeEach(() => {
    downloads.length = 0
    useProfilesStore.setState(initialProfilesState)
    main = installTestMain({
      'profile:export': ({ includeSecrets }) => ({ json: `{"secrets":${includeSecrets}}`, count: 2, suggestedFileName: 'profiles.json', warnings: [] }),
      'profile:import': () => ({
        imported: [sampleProfile('n', 'New')],
        rejected: [{ index: 1, name: 'Broken', reason: 'The port must be between 1 and 65535.' }],
        profiles: [sampleProfile('n', 'New')]
      })
    })
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download)
    })
  })
  afterEach(() => {
    cleanup()
    vi.restoreAllMocks()
  })

  it('exports to a downloaded file, with secrets only when ticked', async () => {
    render(<ProfileTransfer />)
    fireEvent.click(screen.getByLabelText('with passwords'))
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Export profiles' })))
    expect(main.calls.at(-1)).toEqual({ name: 'profile:export', args: { includeSecrets: true } })
    expect(downloads).toEqual(['profiles.json'])
    expect(screen.getByRole('status').textContent).toBe('Exported 2 profiles.')
  })

  it('says that an export with passwords is an ordinary download, not a private file', () => {
    render(<ProfileTransfer />)
    const note = /passwords are in the file in clear, and it is saved like any other download/
    expect(screen.queryByText(note)).toBeNull()
    fireEvent.click(screen.getByLabelText('with passwords'))
    expect(screen.getByText(note).textContent).toMatch(/move it somewhere only you can read/)
  })

  it('imports a file and lists what was skipped and why', async () => {
    render(<ProfileTransfer />)
    const file = new File(['{"format":"mqtt-explorer-profiles"}'], 'profiles.json', { type: 'application/json' })
    await act(async () => fireEvent.change(screen.getByLabelText('Profiles file to load'), { target: { files: [file] } }))
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)))
    expect(main.calls.at(-1)).toEqual({ name: 'profile:import', args: { json: '{"format":"mqtt-explorer-profiles"}' } })
    expect(screen.getByRole('alert').textContent).toBe('Imported 1 profile. Skipped Broken: The port must be between 1 and 65535.')
    expect(useProfilesStore.getState().profiles.map((p) => p.name)).toEqual(['New'])
  })
})
