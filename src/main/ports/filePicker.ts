import type { PickFileRequest } from '../../shared/contract'

/** Asks the user for files; resolves with the chosen paths, empty when they cancelled. */
export type FilePicker = (request: PickFileRequest) => Promise<string[]>
