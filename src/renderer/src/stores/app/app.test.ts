import { beforeEach, describe, expect, it } from 'vitest'
import { installTestMain, type TestMain } from '../../test/testMain'
import { memoryProfiles, sampleProfile } from '../../test/memoryProfiles'
import { initialConnectionsState, useConnectionsStore } from '../connections'
import { initialProfilesState, useProfilesStore } from '../profiles'
import { wireStoreEvents } from '../wireEvents'
import { initialAppState, useAppStore } from '.'

describe('desktop menu commands in the page', () => {
  let main: TestMain
  beforeEach(async () => {
    main = installTestMain({ ...memoryProfiles([sampleProfile('a', 'Alpha')]).handlers, 'profile:connect': ({ connectionId }) => ({ connectionId, subscriptions: [] }) })
    useAppStore.setState(initialAppState)
    useProfilesStore.setState(initialProfilesState)
    useConnectionsStore.setState(initialConnectionsState)
    await useProfilesStore.getState().load()
  })

  it('File › New profile brings the Profiles screen forward with a new profile open', async () => {
    await useConnectionsStore.getState().open('a')
    expect(useConnectionsStore.getState().activeId).not.toBeNull()
    const stop = wireStoreEvents()
    main.emit('app:menu', { command: 'new-profile' })
    stop()
    expect(useConnectionsStore.getState().activeId).toBeNull()
    expect(useProfilesStore.getState().editingId).toBe('new')
  })

  it('shows the Profiles screen after a menu import, and toggles the shortcuts help', async () => {
    await useConnectionsStore.getState().open('a')
    const stop = wireStoreEvents()
    main.emit('app:menu', { command: 'show-profiles' })
    expect(useConnectionsStore.getState().activeId).toBeNull()
    main.emit('app:menu', { command: 'shortcuts' })
    expect(useAppStore.getState().helpOpen).toBe(true)
    main.emit('app:menu', { command: 'shortcuts' })
    stop()
    expect(useAppStore.getState().helpOpen).toBe(false)
  })
})
