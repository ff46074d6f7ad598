import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EventName } from '../../shared/contract'
import { createProfileServices, type ProfileServices, type ProfileStorageOptions } from '.'

/** A fresh data directory per test, removed by `cleanup`. Test code only. */
export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'profiles-test-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Profile services on conf + key file in `dir`, recording every event they emit. */
export function openProfiles(dir: string, extra: Partial<ProfileStorageOptions> = {}): ProfileServices & { events: { name: EventName; payload: unknown }[] } {
  const events: { name: EventName; payload: unknown }[] = []
  const services = createProfileServices({ dataDir: dir, emit: (name, payload) => events.push({ name, payload }), ...extra })
  return { ...services, events }
}

/** Every byte written under `dir` (all files, backups included), as one latin1 string to search for secrets. */
export function allStoredBytes(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n')
}
