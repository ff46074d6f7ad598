import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { installTestMain } from '../../test/testMain'
import { memoryProfiles, sampleProfile } from '../../test/memoryProfiles'
import { initialProfilesState, useProfilesStore } from '../../stores/profiles'
import { initialConnectionsState, useConnectionsStore } from '../../stores/connections'
import { ProfilesScreen } from '.'

describe('profiles screen', () => {
  let table: ReturnType<typeof memoryProfiles>
  beforeEach(async () => {
    table = memoryProfiles([sampleProfile('a', 'Alpha'), sampleProfile('b', 'Beta')])
    installTestMain(table.handlers)
    useProfilesStore.setState(initialProfilesState)
    useConnectionsStore.setState(initialConnectionsState)
    await useProfilesStore.getState().load()
  })
  afterEach(cleanup)

  it('creates a profile after showing field problems', async () => {
    render(<ProfilesScreen />)
    fireEvent.click(screen.getByRole('button', { name: 'New profile' }))
    fireEvent.change(screen.getByLabelText('Port'), { target: { value: '99999' } })
    expect(screen.getByText('The port must be between 1 and 65535.')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Port'), { target: { value: '1884' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })))
    expect(screen.getByText('Give the profile a name.')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Profile name'), { target: { value: 'Lab broker' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })))
    expect(table.profiles().at(-1)).toMatchObject({ name: 'Lab broker', options: { port: 1884 } })
    expect(screen.getByRole('status').textContent).toBe('Saved "Lab broker".')
  })

  it('narrows the list as the search is typed, moves through it with the arrow keys, and connects the first match on Enter', async () => {
    const connected: string[] = []
    installTestMain({ ...table.handlers, 'profile:connect': ({ connectionId, profileId }) => (connected.push(profileId), { connectionId, subscriptions: [] }) })
    render(<ProfilesScreen />)
    const search = screen.getByLabelText('Search profiles')
    fireEvent.change(search, { target: { value: 'bet' } })
    expect(screen.queryByRole('button', { name: /^Edit Alpha/ })).toBeNull()
    expect(screen.getByRole('button', { name: /^Edit Beta/ })).toBeTruthy()
    // Reordering a narrowed list would be a guess: the arrows are hidden meanwhile.
    expect(screen.queryByRole('button', { name: 'Move Beta up' })).toBeNull()
    fireEvent.change(search, { target: { value: 'gamma' } })
    expect(screen.getByText('No profile matches “gamma”.')).toBeTruthy()

    fireEvent.change(search, { target: { value: '' } })
    fireEvent.keyDown(search, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Edit Alpha/ }))
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Edit Beta/ }))
    fireEvent.keyDown(document.activeElement as Element, { key: 'Home' })
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowUp' })
    expect(document.activeElement).toBe(search)

    fireEvent.change(search, { target: { value: 'beta' } })
    await act(async () => fireEvent.keyDown(search, { key: 'Enter' }))
    expect(connected).toEqual(['b'])
  })

  it('shows TLS fields only for mqtts and wss', () => {
    render(<ProfilesScreen />)
    fireEvent.click(screen.getByRole('button', { name: /^Edit Alpha/ }))
    expect(screen.queryByLabelText('CA certificate files')).toBeNull()
    fireEvent.change(screen.getByLabelText('Protocol'), { target: { value: 'mqtts' } })
    expect(screen.getByLabelText('CA certificate files')).toBeTruthy()
    expect((screen.getByLabelText('Port') as HTMLInputElement).value).toBe('8883')
  })

  it('keeps the proxy folded until one is chosen, then saves it with its password apart', async () => {
    render(<ProfilesScreen />)
    fireEvent.click(screen.getByRole('button', { name: /^Edit Alpha/ }))
    expect(screen.queryByLabelText('Proxy host')).toBeNull()
    fireEvent.change(screen.getByLabelText('Proxy kind'), { target: { value: 'http' } })
    expect((screen.getByLabelText('Proxy port') as HTMLInputElement).value).toBe('3128')
    fireEvent.change(screen.getByLabelText('Proxy host'), { target: { value: 'proxy.site' } })
    fireEvent.change(screen.getByLabelText('Proxy user name'), { target: { value: 'tech' } })
    fireEvent.change(screen.getByLabelText('Proxy password'), { target: { value: 'pw' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })))
    expect(table.profiles()[0]).toMatchObject({ options: { proxy: { kind: 'http', host: 'proxy.site', port: 3128, username: 'tech' } }, hasProxyPassword: true })
    expect(JSON.stringify(table.profiles()[0]?.options)).not.toContain('pw')
    expect(screen.getByLabelText('Forget the saved proxy password')).toBeTruthy()
  })

  it('duplicates, reorders and deletes after confirmation', async () => {
    render(<ProfilesScreen />)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Duplicate Alpha' })))
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Move Beta down' })))
    expect(table.profiles().map((p) => p.name)).toEqual(['Alpha', 'Alpha (copy)', 'Beta'])
    fireEvent.click(screen.getByRole('button', { name: 'Delete Beta' }))
    const dialog = screen.getByRole('dialog', { name: 'Delete "Beta"?' })
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' })))
    expect(table.profiles().map((p) => p.name)).toEqual(['Alpha', 'Alpha (copy)'])
  })

  it('keeps what the user typed when the profile is saved elsewhere meanwhile, and takes the rest', () => {
    render(<ProfilesScreen />)
    fireEvent.click(screen.getByRole('button', { name: /^Edit Alpha/ }))
    fireEvent.change(screen.getByLabelText('Host'), { target: { value: 'typed.example' } })
    const alpha = useProfilesStore.getState().profiles.find((p) => p.id === 'a')
    if (!alpha) throw new Error('no profile a')
    const elsewhere = { ...alpha, subscriptions: [{ filter: 'plant/#', qos: 1 as const }], updatedAt: alpha.updatedAt + 1 }
    act(() => useProfilesStore.getState().replaceAll(useProfilesStore.getState().profiles.map((p) => (p.id === 'a' ? elsewhere : p))))
    expect((screen.getByLabelText('Host') as HTMLInputElement).value).toBe('typed.example')
    expect((screen.getByLabelText('Topic filter') as HTMLInputElement).value).toBe('plant/#')
    expect(screen.getByRole('status').textContent).toMatch(/saved elsewhere while you were editing it/)
  })

  it('shows what was saved, without a warning, after saving in the form itself', async () => {
    render(<ProfilesScreen />)
    fireEvent.click(screen.getByRole('button', { name: /^Edit Alpha/ }))
    fireEvent.change(screen.getByLabelText('Host'), { target: { value: ' spaced.example ' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })))
    expect(screen.getByRole('status').textContent).toBe('Saved "Alpha".')
    expect(table.profiles()[0]?.options.host).toBe('spaced.example')
    expect((screen.getByLabelText('Host') as HTMLInputElement).value).toBe('spaced.example')
  })
})

