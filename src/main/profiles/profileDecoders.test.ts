import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { profileSaveSchema } from '../../shared/contract'
import { exportProfiles, importProfiles } from './profileTransfer'
import { openProfiles, tempDataDir } from './testSupport'

let data: ReturnType<typeof tempDataDir>
beforeEach(() => (data = tempDataDir()))
afterEach(() => data.cleanup())

const decoders = {
  protoFiles: [{ name: 'reading.proto', source: 'syntax = "proto3"; message Reading { double value = 1; }' }],
  protobufRules: [{ filter: 'factory/#', type: 'Reading' }],
  pins: [{ filter: 'cbor/#', decoder: 'cbor' }]
}
const input = (fields: Record<string, unknown> = {}) => profileSaveSchema.parse({ name: 'P', options: { protocol: 'mqtt', host: 'h', port: 1883 }, ...fields })

describe('profile decoder settings', () => {
  it('saves them, keeps them on an update that leaves them out, and reads them after a restart', () => {
    const { profiles } = openProfiles(data.dir)
    const saved = profiles.save(input({ decoders }))
    expect(saved.decoders).toEqual(decoders)
    expect(profiles.save(input({ id: saved.id, name: 'P2' })).decoders).toEqual(decoders)
    expect(openProfiles(data.dir).profiles.list()[0]?.decoders).toEqual(decoders)
  })

  it('gives a new profile and a profile saved before decoder settings existed empty settings', () => {
    const stored = { schemaVersion: 1, profiles: [{ id: 'old', name: 'Old', options: { protocol: 'mqtt', host: 'h', port: 1883 }, subscriptions: [], createdAt: 1, updatedAt: 1 }] }
    writeFileSync(join(data.dir, 'profiles.json'), JSON.stringify(stored))
    const { profiles, notices } = openProfiles(data.dir)
    expect(profiles.list()[0]).toMatchObject({ name: 'Old', decoders: { protoFiles: [], protobufRules: [], pins: [] } })
    expect(notices.list()).toEqual([])
    expect(profiles.save(input({ name: 'New' })).decoders).toEqual({ protoFiles: [], protobufRules: [], pins: [] })
  })

  it('travels with a profile through export and import', () => {
    const { profiles } = openProfiles(data.dir)
    profiles.save(input({ decoders }))
    const { json } = exportProfiles(profiles, { includeSecrets: false })
    const { imported, rejected } = importProfiles(profiles, json)
    expect(rejected).toEqual([])
    expect(imported[0]?.decoders).toEqual(decoders)
  })
})
