import { UserFacingError } from '../../shared/contract'
import type { FilePicker } from '../ports/filePicker'
import type { Handler } from './handlerTable'

/** The app:* requests. */
export type AppHandlers = {
  'app:capabilities': Handler<'app:capabilities'>
  'app:pickFile': Handler<'app:pickFile'>
}

/** `pickFiles` is the native dialog; only the desktop app has one, the headless server passes none. `peerDiscovery`: main runs on the user's machine. */
export function appHandlers(pickFiles: FilePicker | undefined, peerDiscovery: boolean): AppHandlers {
  return {
    'app:capabilities': () => ({ nativeFilePicker: pickFiles !== undefined, peerDiscovery }),
    'app:pickFile': async (request) => {
      if (!pickFiles) throw new UserFacingError('unsupported', 'Choosing files needs the desktop app; type the path of the file on the gateway instead.')
      return { paths: await pickFiles(request) }
    }
  }
}
