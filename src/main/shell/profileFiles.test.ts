import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { profileSaveSchema } from '../../shared/contract'
import { openProfiles, tempDataDir } from '../profiles/testSupport'
import { exportProfilesToFile, importProfilesFromFile } from './profileFiles'

let data: ReturnType<typeof tempDataDir>
beforeEach(() => (data = tempDataDir()))
afterEach(() => data.cleanup())

describe('the File menu’s profile import and export', () => {
  it('exports every profile without its password, then imports the file as new profiles', async () => {
    const services = openProfiles(data.dir)
    services.profiles.save(profileSaveSchema.parse({ name: 'Gateway', options: { protocol: 'mqtt', host: 'gw', port: 1883, username: 'u' }, password: 'menu-Secret-88' }))
    const file = join(data.dir, 'out.json')
    expect(await exportProfilesToFile(services, file)).toEqual({ level: 'info', message: `Exported 1 profile to "${file}" (passwords left out).` })
    expect(readFileSync(file, 'utf8')).not.toContain('menu-Secret-88')
    expect(await importProfilesFromFile(services, file)).toEqual({ level: 'info', message: `Imported 1 profile from "${file}".` })
    expect(services.profiles.list().map((p) => p.name).sort()).toEqual(['Gateway', 'Gateway (imported)'])
  })

  it('says what went wrong and imports nothing from a damaged or missing file', async () => {
    const services = openProfiles(data.dir)
    const broken = join(data.dir, 'broken.json')
    writeFileSync(broken, '{"format": "mqtt-explorer-profiles", "profiles": [')
    const damaged = await importProfilesFromFile(services, broken)
    expect(damaged.level).toBe('error')
    expect(damaged.message).toMatch(/not valid JSON .*nothing was imported/)
    const missing = await importProfilesFromFile(services, join(data.dir, 'nope.json'))
    expect(missing).toMatchObject({ level: 'error', message: expect.stringMatching(/^Importing ".*nope\.json" failed \(ENOENT/) })
    expect(services.profiles.list()).toEqual([])
    expect((await exportProfilesToFile(services, 'relative.txt')).message).toMatch(/exported to a \.json file with a full path/)
  })
})
