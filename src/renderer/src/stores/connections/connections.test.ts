import { beforeEach, describe, expect, it } from 'vitest'
import { UserFacingError } from '@shared/contract'
import { installTestMain, type TestMain } from '../../test/testMain'
import { memoryProfiles, sampleProfile } from '../../test/memoryProfiles'
import { initialProfilesState, useProfilesStore } from '../profiles'
import { wireStoreEvents } from '../wireEvents'
import { connectionsSelectors, initialConnectionsState, useConnectionsStore } from '.'

const store = useConnectionsStore

describe('connections store', () => {
  let main: TestMain
  let table: ReturnType<typeof memoryProfiles>
  let refuse: string | null
  beforeEach(async () => {
    refuse = null
    table = memoryProfiles([sampleProfile('a', 'Alpha'), sampleProfile('b', 'Beta')])
    main = installTestMain({
      ...table.handlers,
      'profile:connect': ({ connectionId }) => {
        if (refuse) throw new UserFacingError('bad-credentials', refuse)
        return { connectionId, subscriptions: [{ filter: '#', grantedQos: 0, reasonCode: 0 }, { filter: '$SYS/#', grantedQos: null, reasonCode: 0x87, error: { code: 'subscription-refused', message: 'The broker refused "$SYS/#": not authorized.' } }] }
      },
      'connection:disconnect': ({ connectionId }) => ({ connectionId }),
      'connection:subscribe': ({ subscriptions }) => ({ results: subscriptions.map((s) => ({ filter: s.filter, grantedQos: s.qos, reasonCode: s.qos })) }),
      'connection:unsubscribe': ({ filters }) => ({ filters })
    })
    useProfilesStore.setState(initialProfilesState)
    await useProfilesStore.getState().load()
    store.setState(initialConnectionsState)
  })

  it('keeps several connections open, each in its own tab', async () => {
    const first = await store.getState().open('a')
    const second = await store.getState().open('b')
    expect(first).not.toBe(second)
    expect(store.getState().tabs.map((t) => [t.profileId, t.state])).toEqual([['a', 'connected'], ['b', 'connected']])
    expect(connectionsSelectors.active(store.getState())?.connectionId).toBe(second)
    expect(await store.getState().open('a')).toBe(first)
    expect(store.getState().activeId).toBe(first)
  })

  it('reconnects a live tab when asked, so changed settings take effect', async () => {
    const id = await store.getState().open('a')
    const connects = () => main.calls.filter((c) => c.name === 'profile:connect').length
    await store.getState().open('a')
    expect(connects()).toBe(1)
    await store.getState().open('a', { reconnect: true })
    expect(connects()).toBe(2)
    expect(main.calls.filter((c) => c.name === 'connection:disconnect')).toHaveLength(1)
    expect(connectionsSelectors.byId(id)(store.getState())?.state).toBe('connected')
  })

  it('shows refused subscriptions with their sentence', async () => {
    const id = await store.getState().open('a')
    const tab = connectionsSelectors.byId(id)(store.getState())
    expect(tab?.subscriptionResults['$SYS/#']?.error?.message).toContain('not authorized')
  })

  it("shows the engine's sentence when connecting fails", async () => {
    refuse = 'The broker refused the user name or password; check them in the profile.'
    const id = await store.getState().open('a')
    expect(connectionsSelectors.byId(id)(store.getState())).toMatchObject({ state: 'error', error: refuse })
  })

  it('follows status events and disconnects', async () => {
    const id = await store.getState().open('a')
    const stop = wireStoreEvents()
    main.emit('connection:status', { connectionId: id, state: 'reconnecting', at: 5, error: { code: 'connection-refused', message: 'The broker at 127.0.0.1:1883 refused the connection.' } })
    stop()
    expect(connectionsSelectors.byId(id)(store.getState())?.error).toContain('refused the connection')
    expect(connectionsSelectors.byId(id)(store.getState())?.state).toBe('reconnecting')
    await store.getState().disconnect(id)
    expect(connectionsSelectors.byId(id)(store.getState())?.state).toBe('disconnected')
  })

  it('subscribes and unsubscribes while connected and saves it in the profile', async () => {
    const id = await store.getState().open('a')
    const result = await store.getState().subscribe(id, { filter: 'devices/+/state', qos: 1 })
    expect(result).toMatchObject({ filter: 'devices/+/state', grantedQos: 1 })
    expect(table.profiles()[0]?.subscriptions.map((s) => s.filter)).toEqual(['#', '$SYS/#', 'devices/+/state'])
    await store.getState().unsubscribe(id, '#')
    expect(main.calls.at(-2)).toEqual({ name: 'connection:unsubscribe', args: { connectionId: id, filters: ['#'] } })
    expect(table.profiles()[0]?.subscriptions.map((s) => s.filter)).toEqual(['$SYS/#', 'devices/+/state'])
  })

  it('adopts connections main already holds, without asking for their models again', async () => {
    const adopting = installTestMain(table.handlers)
    // The profile comes from the status, never from the connection id.
    store.getState().adopt([
      { connectionId: 'tab-1', profileId: 'b', state: 'connected', at: 1 },
      { connectionId: 'a~tab-2', state: 'connected', at: 1 },
      { connectionId: 'tab-3', profileId: 'gone', state: 'connected', at: 1 }
    ])
    expect(store.getState().tabs.map((t) => [t.connectionId, t.profileId, t.state])).toEqual([['tab-1', 'b', 'connected']])
    // The page's own delta stream already began with every connection's whole model.
    expect(adopting.calls.filter((call) => call.name === 'model:resync')).toEqual([])
    store.getState().adopt([{ connectionId: 'tab-1', profileId: 'b', state: 'connected', at: 2 }])
    expect(store.getState().tabs).toHaveLength(1)
  })

  it("keeps what the broker announced in its CONNACK while connected, from status events and adopted connections", async () => {
    const broker = { protocolVersion: 5 as const, maximumQos: 1 as const, retainAvailable: false, maximumPacketSize: 2048 }
    store.getState().adopt([{ connectionId: 'b~caps', profileId: 'b', state: 'connected', broker, at: 1 }])
    expect(store.getState().tabs.find((t) => t.connectionId === 'b~caps')?.broker).toEqual(broker)
    store.getState().applyStatus({ connectionId: 'b~caps', state: 'offline', at: 2 })
    expect(store.getState().tabs.find((t) => t.connectionId === 'b~caps')?.broker).toBeUndefined()
    store.getState().applyStatus({ connectionId: 'b~caps', state: 'connected', broker: { ...broker, maximumQos: 2 }, at: 3 })
    expect(store.getState().tabs.find((t) => t.connectionId === 'b~caps')?.broker?.maximumQos).toBe(2)
  })

  it('closing a tab disconnects it and brings the neighbour forward', async () => {
    const first = await store.getState().open('a')
    const second = await store.getState().open('b')
    await store.getState().close(second)
    expect(store.getState().tabs.map((t) => t.connectionId)).toEqual([first])
    expect(store.getState().activeId).toBe(first)
    expect(main.calls.some((c) => c.name === 'connection:disconnect')).toBe(true)
  })

  it('closes a connected tab with one click, though its status changed while it was disconnecting', async () => {
    const id = await store.getState().open('a')
    const stop = wireStoreEvents()
    // Main reports the state change before it answers the request, as the engine does.
    installTestMain({
      ...table.handlers,
      'connection:disconnect': ({ connectionId }) => {
        main.emit('connection:status', { connectionId, state: 'disconnected', at: Date.now() })
        return { connectionId }
      }
    })
    await store.getState().close(id)
    stop()
    expect(store.getState().tabs).toEqual([])
    expect(store.getState().activeId).toBeNull()
  })
})
