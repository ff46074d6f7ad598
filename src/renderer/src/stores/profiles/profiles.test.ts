import { beforeEach, describe, expect, it } from 'vitest'
import { installTestMain } from '../../test/testMain'
import { memoryProfiles, sampleProfile } from '../../test/memoryProfiles'
import { initialProfilesState, profilesSelectors, useProfilesStore } from '.'

const store = useProfilesStore

describe('profiles store', () => {
  let table: ReturnType<typeof memoryProfiles>
  beforeEach(async () => {
    table = memoryProfiles([sampleProfile('a', 'Alpha'), sampleProfile('b', 'Beta'), sampleProfile('c', 'Gamma')])
    installTestMain(table.handlers)
    store.setState(initialProfilesState)
    await store.getState().load()
  })

  it('loads the list in main order', () => {
    expect(store.getState().profiles.map((p) => p.name)).toEqual(['Alpha', 'Beta', 'Gamma'])
    expect(store.getState().loaded).toBe(true)
  })

  it('creates a profile with the default subscriptions and opens it in the editor', async () => {
    const saved = await store.getState().save({ name: 'Lab', options: { protocol: 'mqtt', host: 'lab.local', port: 1883 } })
    expect(saved.subscriptions.map((s) => s.filter)).toEqual(['#', '$SYS/#'])
    expect(store.getState().editingId).toBe(saved.id)
    expect(profilesSelectors.editing(store.getState())?.name).toBe('Lab')
  })

  it('rejects an invalid profile with the contract sentence', async () => {
    await expect(store.getState().save({ name: ' ', options: { protocol: 'mqtt', host: 'x', port: 1883 } })).rejects.toThrow('Give the profile a name.')
  })

  it('duplicates, deletes and reorders', async () => {
    const copy = await store.getState().duplicate('a')
    expect(copy.name).toBe('Alpha (copy)')
    await store.getState().remove('b')
    expect(store.getState().profiles.map((p) => p.id)).toEqual(['a', 'c', copy.id])
    await store.getState().move('c', -1)
    expect(store.getState().profiles.map((p) => p.id)).toEqual(['c', 'a', copy.id])
    await store.getState().move('c', -1)
    expect(table.profiles().map((p) => p.id)).toEqual(['c', 'a', copy.id])
  })

  it('moves a profile past its neighbour in the same group and lists groups apart', async () => {
    await store.getState().save({ id: 'a', name: 'Alpha', options: sampleProfile('a', 'A').options, group: 'Plant' })
    await store.getState().save({ id: 'c', name: 'Gamma', options: sampleProfile('c', 'C').options, group: 'Plant' })
    expect(profilesSelectors.grouped(store.getState().profiles).map((g) => [g.group, g.profiles.map((p) => p.id)])).toEqual([
      ['', ['b']],
      ['Plant', ['a', 'c']]
    ])
    await store.getState().move('c', -1)
    expect(table.profiles().map((p) => p.id)).toEqual(['c', 'b', 'a'])
    await store.getState().move('b', 1)
    expect(table.profiles().map((p) => p.id)).toEqual(['c', 'b', 'a'])
  })

  it('closes the editor when the edited profile disappears from a pushed list', () => {
    store.getState().edit('b')
    store.getState().replaceAll(table.profiles().filter((p) => p.id !== 'b'))
    expect(store.getState().editingId).toBeNull()
  })
})
