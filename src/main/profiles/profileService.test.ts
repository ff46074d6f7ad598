import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { profileSaveSchema, type ProfileSaveInput } from '../../shared/contract'
import { createKeyFileCipher } from './keyFileCipher'
import { allStoredBytes, openProfiles, tempDataDir } from './testSupport'

const PASSWORD = 'pa55-Very-Secret-7731'
const PASSPHRASE = 'key-Passphrase-9911'

function input(fields: Partial<ProfileSaveInput> = {}): ReturnType<typeof profileSaveSchema.parse> {
  return profileSaveSchema.parse({ name: 'Garage', options: { protocol: 'mqtt', host: 'broker.local', port: 1883 }, ...fields })
}

const tlsInput = (fields: Partial<ProfileSaveInput> = {}) =>
  input({
    name: 'TLS',
    options: { protocol: 'mqtts', host: 'broker.local', port: 8883, tls: { caFiles: ['/etc/ca.pem'], certFile: '/c.pem', keyFile: '/k.pem' } },
    ...fields
  })

let data: ReturnType<typeof tempDataDir>
beforeEach(() => (data = tempDataDir()))
afterEach(() => data.cleanup())

describe('ProfileService', () => {
  it('creates profiles with default subscriptions and reads them back after a restart', () => {
    const first = openProfiles(data.dir)
    const saved = first.profiles.save(input())
    expect(saved.subscriptions).toEqual([
      { filter: '#', qos: 0 },
      { filter: '$SYS/#', qos: 0 }
    ])
    expect(saved.hasPassword).toBe(false)
    expect(first.events.at(-1)).toEqual({ name: 'profile:changed', payload: { profiles: [saved] } })
    const again = openProfiles(data.dir)
    expect(again.profiles.list()).toEqual([saved])
  })

  it('updates, duplicates, reorders and deletes', () => {
    const { profiles } = openProfiles(data.dir)
    const a = profiles.save(input({ name: 'A' }))
    const b = profiles.save(input({ name: 'B' }))
    const updated = profiles.save(input({ id: a.id, name: 'A2', options: { protocol: 'ws', host: 'h', port: 9001, path: '/mqtt' } }))
    expect(updated).toMatchObject({ id: a.id, name: 'A2', createdAt: a.createdAt, options: { protocol: 'ws', port: 9001 } })
    const copy = profiles.duplicate(a.id)
    expect(copy.name).toBe('A2 (copy)')
    expect(profiles.duplicate(a.id).name).toBe('A2 (copy 2)')
    expect(profiles.list().map((p) => p.name)).toEqual(['A2', 'A2 (copy 2)', 'A2 (copy)', 'B'])
    expect(profiles.reorder([b.id, copy.id]).map((p) => p.name)).toEqual(['B', 'A2 (copy)', 'A2', 'A2 (copy 2)'])
    expect(profiles.delete(copy.id).map((p) => p.name)).toEqual(['B', 'A2', 'A2 (copy 2)'])
    expect(openProfiles(data.dir).profiles.list().map((p) => p.name)).toEqual(['B', 'A2', 'A2 (copy 2)'])
    expect(() => profiles.delete(copy.id)).toThrow(/no longer exists/)
    expect(() => profiles.reorder(['nope'])).toThrow(/no longer exists/)
  })

  it('refuses a second profile with the same name, ignoring case and spaces', () => {
    const { profiles } = openProfiles(data.dir)
    const a = profiles.save(input({ name: 'Garage' }))
    expect(() => profiles.save(input({ name: ' garage ' }))).toThrow('A profile named "Garage" already exists. Choose another name.')
    expect(profiles.save(input({ id: a.id, name: 'GARAGE' })).name).toBe('GARAGE')
  })

  it('never writes the password or key passphrase in clear, and opens them only to connect', () => {
    const { profiles } = openProfiles(data.dir)
    const saved = profiles.save(tlsInput({ password: PASSWORD, keyPassphrase: PASSPHRASE, options: { ...tlsInput().options, username: 'u' } }))
    profiles.duplicate(saved.id)
    expect(saved).toMatchObject({ hasPassword: true, hasKeyPassphrase: true })
    expect(JSON.stringify(profiles.list())).not.toContain(PASSWORD)
    const bytes = allStoredBytes(data.dir)
    expect(bytes).toContain('broker.local')
    for (const secret of [PASSWORD, PASSPHRASE]) {
      expect(bytes).not.toContain(secret)
      expect(bytes).not.toContain(Buffer.from(secret).toString('base64'))
    }
    const options = openProfiles(data.dir).profiles.resolveConnectionOptions(saved.id)
    expect(options.password).toBe(PASSWORD)
    expect(options.tls?.keyPassphrase).toBe(PASSPHRASE)
    expect(profiles.resolveConnectionOptions(saved.id, { password: 'once' }).password).toBe('once')
  })

  it('keeps a secret when it is left out, clears it with null, and drops a passphrase without a key file', () => {
    const { profiles } = openProfiles(data.dir)
    const saved = profiles.save(tlsInput({ password: PASSWORD, keyPassphrase: PASSPHRASE }))
    const kept = profiles.save(tlsInput({ id: saved.id, name: 'Renamed' }))
    expect(kept).toMatchObject({ hasPassword: true, hasKeyPassphrase: true })
    const cleared = profiles.save(tlsInput({ id: saved.id, password: null }))
    expect(cleared).toMatchObject({ hasPassword: false, hasKeyPassphrase: true })
    expect(profiles.resolveConnectionOptions(saved.id).password).toBeUndefined()
    const noKey = profiles.save(input({ id: saved.id, options: { protocol: 'mqtts', host: 'h', port: 8883, tls: { caFiles: ['/ca.pem'] } } }))
    expect(noKey.hasKeyPassphrase).toBe(false)
  })

  it('says so in a sentence when a saved secret cannot be opened with this key', () => {
    const first = openProfiles(data.dir)
    const saved = first.profiles.save(input({ password: PASSWORD }))
    const other = tempDataDir()
    try {
      const foreign = openProfiles(data.dir, { cipher: createKeyFileCipher(other.dir) })
      expect(() => foreign.profiles.resolveConnectionOptions(saved.id)).toThrow(
        /^The saved password of "Garage" cannot be decrypted with the key file .*secret\.key \(it was saved on another computer or the key changed\)\. Enter it again/
      )
    } finally {
      other.cleanup()
    }
  })

  it('keeps subscriptions per profile', () => {
    const { profiles } = openProfiles(data.dir)
    const v5 = { protocol: 'mqtt' as const, host: 'h', port: 1883, protocolVersion: 5 as const }
    const saved = profiles.save(input({ options: v5 }))
    const subs = [{ filter: 'sensors/+/temp', qos: 1 as const, noLocal: true, retainHandling: 2 as const }]
    expect(profiles.setSubscriptions(saved.id, subs).subscriptions).toEqual(subs)
    expect(openProfiles(data.dir).profiles.list()[0]?.subscriptions).toEqual(subs)
    expect(profiles.save(input({ id: saved.id, name: 'Renamed', options: v5 })).subscriptions).toEqual(subs)
    expect(profiles.save(input({ id: saved.id, options: v5, subscriptions: [] })).subscriptions).toEqual([])
    const v4 = profiles.save(input({ name: 'v4', options: { protocol: 'mqtt', host: 'h', port: 1883, protocolVersion: 4 } }))
    expect(() => profiles.setSubscriptions(v4.id, subs)).toThrow(/^The subscription "sensors\/\+\/temp" uses MQTT 5\.0 options/)
  })

  it('keeps sequences per profile across a restart, a save of the profile form and a duplicate', () => {
    const { profiles } = openProfiles(data.dir)
    const saved = profiles.save(input())
    expect(saved.sequences).toEqual([])
    const sequences = [{ id: 's1', name: 'Start-up', mode: { kind: 'every' as const, everyMs: 1_000 }, steps: [{ topic: 'dev/{{counter}}/on', payload: '1', qos: 1 as const, retain: false, delayMs: 0 }, { topic: 'dev/off', payload: '', qos: 0 as const, retain: true, delayMs: 500 }] }]
    expect(profiles.setSequences(saved.id, sequences).sequences).toEqual(sequences)
    expect(openProfiles(data.dir).profiles.list()[0]?.sequences).toEqual(sequences)
    expect(profiles.save(input({ id: saved.id, name: 'Renamed' })).sequences).toEqual(sequences)
    expect(profiles.duplicate(saved.id).sequences).toEqual(sequences)
  })

  it('keeps charts per profile across a restart and a save of the profile form', () => {
    const { profiles } = openProfiles(data.dir)
    const saved = profiles.save(input())
    expect(saved.charts).toEqual([])
    const charts = [{ id: 'c1', title: 'Line 1', series: [{ topic: 'line1/temp', path: 'value', axis: 'left' as const }, { topic: 'line1/valve', path: '', axis: 'right' as const }], window: '1m' as const, style: 'step' as const }]
    expect(profiles.setCharts(saved.id, charts).charts).toEqual(charts)
    expect(openProfiles(data.dir).profiles.list()[0]?.charts).toEqual(charts)
    expect(profiles.save(input({ id: saved.id, name: 'Renamed' })).charts).toEqual(charts)
    expect(profiles.duplicate(saved.id).charts).toEqual(charts)
  })

  it('saves, renames, replaces by name, lists by name and deletes templates', () => {
    const { profiles } = openProfiles(data.dir)
    const { id } = profiles.save(input())
    const draft = { topic: 'cmd/light', payload: new TextEncoder().encode('{"on":true}'), payloadFormat: 'json' as const, qos: 1 as const, retain: false }
    const t1 = profiles.saveTemplate(id, { ...draft, name: 'Light on' }).template
    profiles.saveTemplate(id, { ...draft, name: 'All off', topic: 'cmd/all' })
    const replaced = profiles.saveTemplate(id, { ...draft, name: 'light ON', qos: 2 })
    expect(replaced.template.id).toBe(t1.id)
    expect(replaced.templates.map((t) => t.name)).toEqual(['All off', 'light ON'])
    expect(() => profiles.saveTemplate(id, { ...draft, id: t1.id, name: 'All off' })).toThrow('A template named "All off" already exists. Choose another name.')
    const reread = openProfiles(data.dir).profiles.templates(id)
    expect(reread[1]).toMatchObject({ name: 'light ON', qos: 2, topic: 'cmd/light' })
    expect(reread[1]?.payload).toEqual(draft.payload)
    expect(profiles.deleteTemplate(id, t1.id).map((t) => t.name)).toEqual(['All off'])
    expect(profiles.duplicate(id)).toBeTruthy()
    expect(profiles.list()).toHaveLength(2)
  })
})
