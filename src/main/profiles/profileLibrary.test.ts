import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { profileSaveSchema } from '../../shared/contract'
import { openProfiles, tempDataDir } from './testSupport'

let data: ReturnType<typeof tempDataDir>
beforeEach(() => (data = tempDataDir()))
afterEach(() => data.cleanup())

const draft = { topic: 'a/b', payload: new TextEncoder().encode('1'), payloadFormat: 'text' as const, qos: 0 as const, retain: false }

describe('profile library', () => {
  it('deletes a profile with its publish history, and keeps history only for saved profiles', () => {
    const { profiles, library, history } = openProfiles(data.dir)
    const saved = profiles.save(profileSaveSchema.parse({ name: 'A', options: { protocol: 'mqtt', host: 'h', port: 1883 } }))
    expect(library.addToHistory(saved.id, draft)).toHaveLength(1)
    expect(library.historyOf(saved.id)).toHaveLength(1)
    expect(library.delete(saved.id)).toEqual([])
    expect(history.entries(saved.id)).toEqual([])
    expect(() => library.historyOf(saved.id)).toThrow(/profile/i)
    expect(() => library.addToHistory('gone', draft)).toThrow(/profile/i)
  })

  it('exports to a file only when asked, readable by the user alone when it holds passwords', async () => {
    const { profiles, library } = openProfiles(data.dir)
    profiles.save(profileSaveSchema.parse({ name: 'A', options: { protocol: 'mqtt', host: 'h', port: 1883 }, password: 'lib-Secret-1' }))
    const inMemory = await library.export({ includeSecrets: false })
    expect(inMemory.filePath).toBeUndefined()
    const file = join(data.dir, 'with-secrets.json')
    const written = await library.export({ includeSecrets: true, filePath: file })
    expect(written.filePath).toBe(file)
    expect(readFileSync(file, 'utf8')).toContain('lib-Secret-1')
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })
})
