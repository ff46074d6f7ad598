import type { OpenDialogOptions } from 'electron'
import type { PickFilePurpose, PickFileRequest } from '../../shared/contract'

const CERTIFICATES = { name: 'Certificates', extensions: ['pem', 'crt', 'cer', 'ca-bundle'] }
const KEYS = { name: 'Private keys', extensions: ['key', 'pem'] }
// Certificates often come without a usual extension (e.g. a bundle named by the vendor).
const ALL_FILES = { name: 'All files', extensions: ['*'] }

const TITLES: Record<PickFilePurpose, string> = {
  ca: 'Choose CA certificate files',
  cert: 'Choose the client certificate',
  key: 'Choose the client key'
}

/** The open-dialog settings for one request: its title, one or several files, filters by purpose. */
export function filePickerOptions({ purpose, multiple }: PickFileRequest): OpenDialogOptions {
  return {
    title: TITLES[purpose],
    properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
    filters: [purpose === 'key' ? KEYS : CERTIFICATES, ALL_FILES]
  }
}
