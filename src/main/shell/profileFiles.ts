import { readFile, stat } from 'node:fs/promises'
import { UserFacingError, type StorageNotice } from '../../shared/contract'
import { importProfiles, type ProfileServices } from '../profiles'

/** A notice for the Profiles screen, as the storage notices carry them. */
export type FileNotice = Omit<StorageNotice, 'id' | 'at'>

// Profile exports are a few KB a profile; a file this large is not one, and reading it whole would hurt.
const MAX_IMPORT_BYTES = 16 << 20

function failure(error: unknown, doing: string): FileNotice {
  const message = error instanceof UserFacingError ? error.message : `${doing} failed (${error instanceof Error ? error.message : String(error)}).`
  return { level: 'error', message }
}

/** File › Import profiles…: imports the chosen file as new profiles and says what happened. */
export async function importProfilesFromFile({ profiles }: ProfileServices, path: string): Promise<FileNotice> {
  try {
    const { size } = await stat(path)
    if (size > MAX_IMPORT_BYTES) return { level: 'error', message: `"${path}" is ${Math.round(size / 1048576)} MB, too large for a profiles export, so nothing was imported. Choose a file exported from Brokerscope.` }
    const { imported, rejected } = importProfiles(profiles, await readFile(path, 'utf8'))
    const skipped = rejected.map((r) => `Skipped ${r.name ?? `entry ${r.index + 1}`}: ${r.reason}`)
    const count = `${imported.length} ${imported.length === 1 ? 'profile' : 'profiles'}`
    return { level: skipped.length > 0 ? 'warning' : 'info', message: [`Imported ${count} from "${path}".`, ...skipped].join(' ') }
  } catch (error) {
    return failure(error, `Importing "${path}"`)
  }
}

/** File › Export profiles…: writes every profile, without passwords, to the chosen file. */
export async function exportProfilesToFile({ library }: ProfileServices, path: string): Promise<FileNotice> {
  try {
    const { count, warnings } = await library.export({ includeSecrets: false, filePath: path })
    return { level: 'info', message: [`Exported ${count} ${count === 1 ? 'profile' : 'profiles'} to "${path}" (passwords left out).`, ...warnings].join(' ') }
  } catch (error) {
    return failure(error, `Exporting to "${path}"`)
  }
}
