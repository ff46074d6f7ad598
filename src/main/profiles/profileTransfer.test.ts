import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { profileSaveSchema, type ProfileSaveInput } from '../../shared/contract'
import { exportProfiles, importProfiles, writeExportFile } from './profileTransfer'
import { allStoredBytes, openProfiles, tempDataDir } from './testSupport'

const PASSWORD = 'export-Secret-4417'
const PASSPHRASE = 'export-Passphrase-5521'

let data: ReturnType<typeof tempDataDir>
beforeEach(() => (data = tempDataDir()))
afterEach(() => data.cleanup())

function seed() {
  const services = openProfiles(data.dir)
  const save = (fields: Partial<ProfileSaveInput>) =>
    services.profiles.save(profileSaveSchema.parse({ name: 'Plain', options: { protocol: 'mqtt', host: 'h', port: 1883 }, ...fields }))
  const tls = save({
    name: 'Gateway TLS',
    options: {
      protocol: 'mqtts',
      host: 'gw.example.test',
      port: 8883,
      username: 'field',
      tls: { caFiles: ['/ca.pem'], certFile: '/c.pem', keyFile: '/k.pem' },
      will: { topic: 'gw/status', payload: new Uint8Array([0, 255, 7]), retain: true }
    },
    password: PASSWORD,
    keyPassphrase: PASSPHRASE,
    color: '#22aa66',
    group: 'Site A',
    subscriptions: [{ filter: 'plant/#', qos: 1 }]
  })
  save({ name: 'Plain' })
  services.profiles.setCharts(tls.id, [{ id: 'c1', title: 'Boiler', series: [{ topic: 'plant/boiler', path: 'temp.c', axis: 'right' }], window: '1h', style: 'step' }])
  services.profiles.setSequences(tls.id, [
    { id: 's1', name: 'Boot', mode: { kind: 'times', times: 3 }, steps: [{ topic: 'gw/boot', payload: '{"n":{{counter}}}', qos: 1, retain: false, delayMs: 0, format: 'json' }, { topic: 'gw/raw', payload: '00ff', qos: 0, retain: true, delayMs: 250, format: 'hex' }] }
  ])
  services.profiles.saveTemplate(tls.id, { name: 'Reboot', topic: 'gw/cmd', payload: new TextEncoder().encode('reboot'), payloadFormat: 'text', qos: 1, retain: false })
  return services
}

describe('export', () => {
  it('leaves secrets out unless asked, and names the file by date', () => {
    const { profiles } = seed()
    const result = exportProfiles(profiles, { includeSecrets: false }, new Date('2025-03-04T05:06:07Z'))
    expect(result).toMatchObject({ count: 2, suggestedFileName: 'brokerscope-profiles-2025-03-04.json', warnings: [] })
    expect(result.json).not.toContain(PASSWORD)
    expect(result.json).not.toContain(PASSPHRASE)
    expect(result.json).not.toContain('"secrets"')
    const document = JSON.parse(result.json)
    expect(document).toMatchObject({ format: 'brokerscope-profiles', version: 1, includesSecrets: false })
    expect(document.profiles[0]).toMatchObject({ name: 'Gateway TLS', color: '#22aa66', templates: [{ name: 'Reboot', topic: 'gw/cmd' }] })
    expect(document.profiles[0].id).toBeUndefined()
  })

  it('includes secrets in clear when asked, and only the chosen profiles', () => {
    const { profiles } = seed()
    const id = profiles.list()[0]!.id
    const result = exportProfiles(profiles, { includeSecrets: true, ids: [id] })
    expect(result.count).toBe(1)
    const [entry] = JSON.parse(result.json).profiles
    expect(entry).toMatchObject({ name: 'Gateway TLS', password: PASSWORD, keyPassphrase: PASSPHRASE })
  })

  it('writes the file where the user chose; with secrets, readable by the owner only', async () => {
    const { profiles } = seed()
    const path = join(data.dir, 'out', '..', 'export.json')
    const { json } = exportProfiles(profiles, { includeSecrets: true })
    await writeExportFile(path, json, true)
    expect(readFileSync(path, 'utf8')).toBe(json)
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o077).toBe(0)
    await expect(writeExportFile('relative.json', json, false)).rejects.toThrow(/full path; "relative.json" is not one/)
    await expect(writeExportFile(join(data.dir, 'missing-dir', 'x.json'), json, false)).rejects.toThrow(/The export could not be written to .*missing-dir.*Choose a folder you can write to\./)
  })
})

describe('import', () => {
  it('round-trips profiles, secrets, bytes, templates, charts and sequences as new profiles with free names', () => {
    const source = seed()
    const json = exportProfiles(source.profiles, { includeSecrets: true }).json
    const target = tempDataDir()
    try {
      const { profiles } = openProfiles(target.dir)
      const first = importProfiles(profiles, json)
      expect(first.rejected).toEqual([])
      expect(first.imported.map((p) => p.name)).toEqual(['Gateway TLS', 'Plain'])
      const again = importProfiles(profiles, json)
      expect(again.imported.map((p) => p.name)).toEqual(['Gateway TLS (imported)', 'Plain (imported)'])
      const imported = first.imported[0]!
      const original = source.profiles.list()[0]!
      expect(imported).toMatchObject({ options: original.options, subscriptions: original.subscriptions, charts: original.charts, color: '#22aa66', group: 'Site A', hasPassword: true })
      expect(original.charts[0]?.series[0]?.path).toBe('temp.c')
      expect(imported.sequences).toEqual(original.sequences)
      expect(original.sequences[0]).toMatchObject({ name: 'Boot', mode: { kind: 'times', times: 3 }, steps: [{ payload: '{"n":{{counter}}}' }, { delayMs: 250, format: 'hex' }] })
      expect(imported.id).not.toBe(original.id)
      const options = profiles.resolveConnectionOptions(imported.id)
      expect(options.password).toBe(PASSWORD)
      expect(options.tls?.keyPassphrase).toBe(PASSPHRASE)
      expect(options.will?.payload).toEqual(new Uint8Array([0, 255, 7]))
      expect(profiles.templates(imported.id)[0]?.payload).toEqual(new TextEncoder().encode('reboot'))
      const bytes = allStoredBytes(target.dir)
      expect(bytes).not.toContain(PASSWORD)
      expect(bytes).not.toContain(PASSPHRASE)
    } finally {
      target.cleanup()
    }
  })

  it('reports each rejected entry in a sentence and keeps the valid ones', () => {
    const { profiles } = openProfiles(data.dir)
    const json = JSON.stringify({
      format: 'mqtt-explorer-profiles',
      version: 1,
      profiles: [
        { name: 'Good', options: { protocol: 'mqtt', host: 'h', port: 1883 } },
        { name: 'Bad port', options: { protocol: 'mqtt', host: 'h', port: 70000 } },
        { name: 'TLS on plain', options: { protocol: 'mqtt', host: 'h', port: 1883, tls: { caFiles: ['/ca.pem'] } } },
        { options: { protocol: 'mqtt', host: 'h', port: 1883 } },
        'nonsense',
        { name: 'Bad template', options: { protocol: 'mqtt', host: 'h', port: 1883 }, templates: [{ name: 'x', topic: 'a/#' }] },
        { name: 'Bad chart', options: { protocol: 'mqtt', host: 'h', port: 1883 }, charts: [{ id: 'c', series: [{ topic: 'a', path: 'x[' }] }] },
        { name: 'Bad sequence', options: { protocol: 'mqtt', host: 'h', port: 1883 }, sequences: [{ id: 's', name: 'S', steps: [{ topic: 'a', delayMs: -5 }] }] }
      ]
    })
    const result = importProfiles(profiles, json)
    expect(result.imported.map((p) => p.name)).toEqual(['Good'])
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'Entry 2 ("Bad port") was not imported: The port must be between 1 and 65535. (at options.port)',
      'Entry 3 ("TLS on plain") was not imported: TLS settings apply only to mqtts:// and wss:// connections. Switch the protocol to mqtts or wss, or clear the TLS fields. (at options.tls)',
      'Entry 4 was not imported: the field "name" is missing.',
      'Entry 5 was not imported: it is not a profile.',
      expect.stringMatching(/^Entry 6 \("Bad template"\) was not imported: .*\(at templates\.0\./),
      expect.stringMatching(/^Entry 7 \("Bad chart"\) was not imported: .*\(at charts\.0\.series\.0\.path\)/),
      'Entry 8 ("Bad sequence") was not imported: A delay cannot be negative. (at sequences.0.steps.0.delayMs)'
    ])
    expect(result.rejected[0]).toMatchObject({ index: 1, name: 'Bad port' })
    expect(result.profiles).toEqual(profiles.list())
  })

  it('changes nothing when the text is not JSON or not an export', () => {
    const { profiles } = seed()
    const before = readFileSync(join(data.dir, 'profiles.json'))
    expect(() => importProfiles(profiles, '{"format": "mqtt-explorer-profiles", "profiles": [')).toThrow(
      /^The file is not valid JSON \(.*\), so nothing was imported\. Choose a file exported from Brokerscope\.$/
    )
    expect(() => importProfiles(profiles, '{"hello": 1}')).toThrow('This file is not a profile export, so nothing was imported. Choose a file exported from Brokerscope.')
    expect(() => importProfiles(profiles, '{"format": "mqtt-explorer-profiles", "version": 9, "profiles": []}')).toThrow(/newer version of the app \(format 9\)/)
    expect(readFileSync(join(data.dir, 'profiles.json')).equals(before)).toBe(true)
  })
})
