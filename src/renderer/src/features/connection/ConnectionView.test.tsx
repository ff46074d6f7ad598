import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UserFacingError } from '@shared/contract'
import { EditorKindContext } from '../../components/code'
import { installTestMain, type TestMain } from '../../test/testMain'
import { memoryProfiles, sampleProfile } from '../../test/memoryProfiles'
import { connectionsSelectors, initialConnectionsState, useConnectionsStore } from '../../stores/connections'
import { initialProfilesState, useProfilesStore } from '../../stores/profiles'
import { ConnectionView } from '.'

describe('connection view', () => {
  let main: TestMain
  let table: ReturnType<typeof memoryProfiles>
  let acceptPassword: string | null
  let acceptProxyPassword: string | null
  beforeEach(async () => {
    acceptPassword = null
    acceptProxyPassword = null
    const base = sampleProfile('a', 'Alpha')
    table = memoryProfiles([{ ...base, options: { ...base.options, username: 'device' } }])
    main = installTestMain({
      ...table.handlers,
      'profile:connect': ({ connectionId, password, proxyPassword }) => {
        if (acceptProxyPassword !== null && proxyPassword !== acceptProxyPassword) {
          throw new UserFacingError('proxy-auth-failed', 'The SOCKS5 proxy at proxy.lan:1080 did not let this app through (SOCKS5 authentication failed): it refused the proxy user name or password. Check both in the profile.')
        }
        if (acceptPassword !== null && password !== acceptPassword) throw new UserFacingError('bad-credentials', 'The broker refused the user name or password; check them in the profile.')
        return { connectionId, subscriptions: [{ filter: '#', grantedQos: 0, reasonCode: 0 }] }
      },
      'connection:subscribe': ({ subscriptions }) => ({
        results: subscriptions.map((s) =>
          s.filter.startsWith('secret')
            ? { filter: s.filter, grantedQos: null, reasonCode: 0x87, error: { code: 'subscription-refused' as const, message: `The broker refused the subscription "${s.filter}": not authorized.` } }
            : { filter: s.filter, grantedQos: s.qos, reasonCode: s.qos }
        )
      }),
      'connection:unsubscribe': ({ filters }) => ({ filters }),
      'model:history': () => ({ messages: [], messageCount: 0, oldestSeq: 0 })
    })
    useProfilesStore.setState(initialProfilesState)
    useConnectionsStore.setState(initialConnectionsState)
    await useProfilesStore.getState().load()
  })
  afterEach(cleanup)

  const renderActive = () => {
    const Active = () => {
      const tab = useConnectionsStore(connectionsSelectors.active)
      return tab ? <ConnectionView tab={tab} /> : null
    }
    render(
      <EditorKindContext.Provider value="plain">
        <Active />
      </EditorKindContext.Provider>
    )
  }

  it('keeps the composer folded at first so the message panel has the room, opens it on demand and remembers that', async () => {
    localStorage.removeItem('composer:open')
    await useConnectionsStore.getState().open('a')
    renderActive()
    expect(screen.queryByRole('form', { name: 'Publish' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Publish…' }))
    expect(screen.getByRole('form', { name: 'Publish' })).toBeTruthy()
    expect(localStorage.getItem('composer:open')).toBe('true')
    cleanup()
    renderActive()
    expect(screen.getByRole('form', { name: 'Publish' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Fold the composer' }))
    expect(screen.queryByRole('form', { name: 'Publish' })).toBeNull()
    expect(localStorage.getItem('composer:open')).toBe('false')
  })

  it('adds and removes subscriptions while connected, showing refusals', async () => {
    await useConnectionsStore.getState().open('a')
    renderActive()
    fireEvent.click(screen.getByRole('tab', { name: 'Subscriptions' }))
    fireEvent.change(screen.getByLabelText('New topic filter'), { target: { value: 'a/#/b' } })
    expect(screen.getByText(/# must stand alone/)).toBeTruthy()
    fireEvent.change(screen.getByLabelText('New topic filter'), { target: { value: 'secret/#' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Subscribe' })))
    expect(screen.getAllByText('The broker refused the subscription "secret/#": not authorized.').length).toBeGreaterThan(0)
    fireEvent.change(screen.getByLabelText('New topic filter'), { target: { value: 'devices/+/state' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Subscribe' })))
    expect(table.profiles()[0]?.subscriptions.map((s) => s.filter)).toEqual(['#', '$SYS/#', 'secret/#', 'devices/+/state'])
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Unsubscribe #' })))
    expect(main.calls.some((c) => c.name === 'connection:unsubscribe')).toBe(true)
    expect(table.profiles()[0]?.subscriptions.map((s) => s.filter)).toEqual(['$SYS/#', 'secret/#', 'devices/+/state'])
  })

  it('sends MQTT 5 subscription options on an MQTT 5 profile', async () => {
    const profile = table.profiles()[0]
    if (!profile) throw new Error('missing profile')
    await useProfilesStore.getState().save({ id: profile.id, name: profile.name, options: { ...profile.options, protocolVersion: 5 } })
    await useConnectionsStore.getState().open('a')
    renderActive()
    fireEvent.click(screen.getByRole('tab', { name: 'Subscriptions' }))
    fireEvent.change(screen.getByLabelText('New topic filter'), { target: { value: 'cmd/#' } })
    fireEvent.click(screen.getByLabelText('No local'))
    fireEvent.change(screen.getByLabelText('Retain handling'), { target: { value: '2' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Subscribe' })))
    expect(main.calls.find((c) => c.name === 'connection:subscribe')?.args).toMatchObject({
      subscriptions: [{ filter: 'cmd/#', qos: 0, noLocal: true, retainAsPublished: false, retainHandling: 2 }]
    })
  })

  it("shows the engine's sentence and connects once with a typed password", async () => {
    acceptPassword = 'pw'
    await useConnectionsStore.getState().open('a')
    renderActive()
    expect(screen.getByRole('alert').textContent).toBe('The broker refused the user name or password; check them in the profile.')
    fireEvent.change(screen.getByLabelText('Password for this connection'), { target: { value: 'pw' } })
    await act(async () => fireEvent.submit(screen.getByRole('form', { name: 'Connect with secrets typed now' })))
    expect(main.calls.filter((c) => c.name === 'profile:connect').at(-1)?.args).toMatchObject({ password: 'pw' })
    expect(screen.getByRole('button', { name: 'Disconnect' })).toBeTruthy()
    expect(table.profiles()[0]?.hasPassword).toBe(false)
  })

  it('offers a one-time proxy password when the proxy refused the saved one, and sends it', async () => {
    acceptProxyPassword = 'proxy-pw'
    const profile = table.profiles()[0]
    if (!profile) throw new Error('missing profile')
    await useProfilesStore.getState().save({ id: profile.id, name: profile.name, options: { ...profile.options, username: undefined, proxy: { kind: 'socks5', host: 'proxy.lan', port: 1080, username: 'tech' } } })
    await useConnectionsStore.getState().open('a')
    renderActive()
    expect(screen.getByRole('alert').textContent).toMatch(/^The SOCKS5 proxy at proxy\.lan:1080 did not let this app through/)
    expect(screen.queryByLabelText('Password for this connection')).toBeNull()
    fireEvent.change(screen.getByLabelText('Proxy password for this connection'), { target: { value: 'proxy-pw' } })
    await act(async () => fireEvent.submit(screen.getByRole('form', { name: 'Connect with secrets typed now' })))
    expect(main.calls.filter((c) => c.name === 'profile:connect').at(-1)?.args).toMatchObject({ proxyPassword: 'proxy-pw' })
    expect(screen.getByRole('button', { name: 'Disconnect' })).toBeTruthy()
    expect(table.profiles()[0]?.hasProxyPassword).toBe(false)
  })
})
