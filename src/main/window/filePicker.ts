import { dialog, type BrowserWindow } from 'electron'
import type { FilePicker } from '../ports/filePicker'
import { filePickerOptions } from './filePickerOptions'

/** The native open-file dialog, modal to the app window when there is one. */
export function createFilePicker(currentWindow: () => BrowserWindow | undefined): FilePicker {
  return async (request) => {
    const options = filePickerOptions(request)
    const parent = currentWindow()
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
    return result.canceled ? [] : result.filePaths
  }
}
