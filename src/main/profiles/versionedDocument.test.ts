import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { profileSaveSchema } from '../../shared/contract'
import { allStoredBytes, openProfiles, tempDataDir } from './testSupport'

let data: ReturnType<typeof tempDataDir>
beforeEach(() => (data = tempDataDir()))
afterEach(() => data.cleanup())

const profilesFile = () => join(data.dir, 'profiles.json')
const lastGoodFile = () => join(data.dir, 'profiles.last-good.json')
const backups = () => readdirSync(data.dir).filter((name) => name.startsWith('profiles.json.corrupt-'))
const save = (services: ReturnType<typeof openProfiles>, name: string) =>
  services.profiles.save(profileSaveSchema.parse({ name, options: { protocol: 'mqtt', host: 'h', port: 1883 }, password: 'sekrit-123' }))

describe('profiles file format and migrations', () => {
  it('migrates format 0 (no version, secrets in clear) to format 1 and seals the secrets', () => {
    const v0 = {
      profiles: [
        { name: 'Old TLS', options: { protocol: 'mqtts', host: 'gw', port: 8883, username: 'u', password: 'clear-pw-0', tls: { caFiles: [], certFile: '/c', keyFile: '/k', keyPassphrase: 'clear-pp-0' } }, subscriptions: ['a/#', 'b/+'] },
        { name: 'Old plain', options: { protocol: 'mqtt', host: 'gw', port: 1883 } }
      ]
    }
    writeFileSync(profilesFile(), JSON.stringify(v0))
    const { profiles, notices } = openProfiles(data.dir)
    const list = profiles.list()
    expect(list.map((p) => p.name)).toEqual(['Old TLS', 'Old plain'])
    expect(list[0]).toMatchObject({ hasPassword: true, hasKeyPassphrase: true, subscriptions: [{ filter: 'a/#', qos: 0 }, { filter: 'b/+', qos: 0 }] })
    expect(list[1]?.subscriptions.map((s) => s.filter)).toEqual(['#', '$SYS/#'])
    expect(notices.list()).toEqual([])
    const stored = JSON.parse(readFileSync(profilesFile(), 'utf8'))
    expect(stored.schemaVersion).toBe(1)
    const bytes = allStoredBytes(data.dir)
    expect(bytes).not.toContain('clear-pw-0')
    expect(bytes).not.toContain('clear-pp-0')
    const options = profiles.resolveConnectionOptions(list[0]!.id)
    expect(options).toMatchObject({ password: 'clear-pw-0', tls: { keyPassphrase: 'clear-pp-0', keyFile: '/k' } })
  })

  it('sets a file that is not JSON aside, restores the last good start, and says so', () => {
    const first = openProfiles(data.dir)
    save(first, 'Kept')
    openProfiles(data.dir) // a good start: remembered as the last good state
    writeFileSync(profilesFile(), '{"schemaVersion": 1, "profiles": [ {"na')
    const { profiles, notices, events } = openProfiles(data.dir)
    expect(profiles.list().map((p) => p.name)).toEqual(['Kept'])
    expect(backups()).toHaveLength(1)
    const backupPath = join(data.dir, backups()[0]!)
    expect(readFileSync(backupPath, 'utf8')).toBe('{"schemaVersion": 1, "profiles": [ {"na')
    const [notice] = notices.list()
    expect(notice).toMatchObject({ level: 'error', backupPath })
    expect(notice?.message).toBe(
      `The saved profiles file ${profilesFile()} could not be read (it is not valid JSON). It was kept as ${backupPath}, and the app restored the profiles from their backup copy, as they were at the last save.`
    )
    expect(events).toContainEqual({ name: 'profile:notice', payload: notice })
    expect(JSON.parse(readFileSync(profilesFile(), 'utf8')).profiles).toHaveLength(1)
  })

  it('restores profiles saved since the last start, not only those of the last start', () => {
    const running = openProfiles(data.dir)
    save(running, 'Before')
    save(running, 'Since the start')
    writeFileSync(profilesFile(), '{"schemaVersion": 1, "prof')
    expect(openProfiles(data.dir).profiles.list().map((p) => p.name).sort()).toEqual(['Before', 'Since the start'])
  })

  it('moves a damaged backup copy aside, names it, and starts with the main file', () => {
    save(openProfiles(data.dir), 'Main')
    writeFileSync(lastGoodFile(), '{"schemaVersion": 1, "profiles": [')
    const { profiles, notices } = openProfiles(data.dir)
    expect(profiles.list().map((p) => p.name)).toEqual(['Main'])
    const [aside] = readdirSync(data.dir).filter((name) => name.startsWith('profiles.last-good.json.corrupt-'))
    expect(readFileSync(join(data.dir, aside!), 'utf8')).toBe('{"schemaVersion": 1, "profiles": [')
    expect(notices.list()).toMatchObject([{ level: 'warning', backupPath: join(data.dir, aside!) }])
    expect(notices.list()[0]?.message).toBe(
      `The backup copy of the profiles, ${lastGoodFile()}, could not be read (it is not valid JSON). It was kept as ${join(data.dir, aside!)}, and the app keeps a new copy from now on.`
    )
    expect(JSON.parse(readFileSync(lastGoodFile(), 'utf8')).profiles).toHaveLength(1)
  })

  it('starts when both copies are damaged, and every later start is clean', () => {
    save(openProfiles(data.dir), 'Lost')
    writeFileSync(profilesFile(), 'damaged main')
    writeFileSync(lastGoodFile(), 'damaged copy')
    const first = openProfiles(data.dir)
    expect(first.profiles.list()).toEqual([])
    expect(first.notices.list().map((n) => n.message)).toEqual([
      expect.stringMatching(/^The saved profiles file .*profiles\.json could not be read .* and the app started with no saved profiles\.$/),
      expect.stringMatching(/^The backup copy of the profiles, .*profiles\.last-good\.json, could not be read/)
    ])
    save(first, 'New')
    const later = openProfiles(data.dir)
    expect(later.notices.list()).toEqual([])
    expect(later.profiles.list().map((p) => p.name)).toEqual(['New'])
    expect(openProfiles(data.dir).notices.list()).toEqual([])
  })

  it('saves and starts when the backup copy cannot be read or written at all, and says so once', () => {
    mkdirSync(lastGoodFile())
    const services = openProfiles(data.dir)
    expect(services.notices.list().map((n) => n.message)).toEqual([expect.stringMatching(/^The backup copy of the profiles, .*profiles\.last-good\.json, cannot be read \(/)])
    save(services, 'One')
    save(services, 'Two')
    expect(services.notices.list().map((n) => n.message).slice(1)).toEqual([
      expect.stringMatching(/^The backup copy of the profiles, .*profiles\.last-good\.json, could not be written \(.*\)\. The profiles themselves were saved\.$/)
    ])
    expect(openProfiles(data.dir).profiles.list().map((p) => p.name).sort()).toEqual(['One', 'Two'])
  })

  it('starts empty when there is no good copy either', () => {
    writeFileSync(profilesFile(), 'not json at all')
    const { profiles, notices } = openProfiles(data.dir)
    expect(profiles.list()).toEqual([])
    expect(notices.list()[0]?.message).toMatch(/could not be read \(it is not valid JSON\)\. It was kept as .*profiles\.json\.corrupt-.*\.json, and the app started with no saved profiles\.$/)
    expect(backups()).toHaveLength(1)
  })

  it.each([
    ['[1, 2]', 'it does not hold a JSON object'],
    ['null', 'it does not hold a JSON object'],
    ['{"settings": {}}', 'it has no list of profiles'],
    ['{"schemaVersion": 1, "profiles": {}}', 'it has no list of profiles'],
    ['{"schemaVersion": "one"}', 'its format version is not a number']
  ])('sets aside a file holding %s instead of overwriting it', (text, reason) => {
    writeFileSync(profilesFile(), text)
    const { profiles, notices } = openProfiles(data.dir)
    expect(profiles.list()).toEqual([])
    expect(notices.list()[0]?.message).toMatch(new RegExp(`^The saved profiles file .* could not be read \\(${reason.replace(/[()]/g, '\\$&')}\\)\\. It was kept as `))
    expect(readFileSync(join(data.dir, backups()[0]!), 'utf8')).toBe(text)
  })

  it('keeps readable profiles when one entry is damaged, with a copy of the original file', () => {
    const first = openProfiles(data.dir)
    save(first, 'Good')
    const stored = JSON.parse(readFileSync(profilesFile(), 'utf8'))
    stored.profiles.push({ id: 'x', name: 'Bad', options: { protocol: 'mqtt', host: 'h', port: 99999 } })
    writeFileSync(profilesFile(), JSON.stringify(stored))
    const { profiles, notices } = openProfiles(data.dir)
    expect(profiles.list().map((p) => p.name)).toEqual(['Good'])
    expect(notices.list()[0]).toMatchObject({ level: 'warning' })
    expect(notices.list()[0]?.message).toMatch(/^1 saved entry in the profiles file could not be read and was left out\. The original file was kept as /)
    expect(backups()).toHaveLength(1)
  })

  it('does not overwrite a file from a newer version without keeping it', () => {
    writeFileSync(profilesFile(), JSON.stringify({ schemaVersion: 7, profiles: [] }))
    const { notices } = openProfiles(data.dir)
    expect(notices.list()[0]?.message).toMatch(/it was written by a newer version of the app \(format 7; this version reads up to 1\)/)
    expect(readFileSync(join(data.dir, backups()[0]!), 'utf8')).toContain('"schemaVersion":7')
  })

  it('writes the profiles file readable by its owner only', () => {
    save(openProfiles(data.dir), 'Mode')
    expect(existsSync(profilesFile())).toBe(true)
    if (process.platform !== 'win32') {
      expect(statSync(profilesFile()).mode & 0o077).toBe(0)
    }
  })
})
