import type { MenuCommand, PickFileRequest } from '@shared/contract'
import { appService } from '../../services/app'
import { useConnectionsStore } from '../connections'
import { useProfilesStore } from '../profiles'
import type { AppState } from './initialState'

type Set = (partial: Partial<AppState>) => void
type Get = () => AppState

/** Asks main what it can do, and uses what it can do beyond the common requests. */
export interface AppActions {
  loadCapabilities(): Promise<void>
  /** Opens the native file dialog; resolves with the chosen paths (empty when cancelled), rejects with the contract's sentence. */
  pickFiles(request: PickFileRequest): Promise<string[]>
  setHelpOpen(open: boolean): void
  /** Carries out a desktop menu item that acts in the page. */
  runMenuCommand(command: MenuCommand): void
}


export function createAppActions(set: Set, get: Get): AppActions {
  return {
    async loadCapabilities() {
      // When main cannot answer, keep the defaults: typed paths work everywhere.
      const capabilities = await appService.capabilities({}).catch(() => null)
      if (capabilities) set({ capabilities })
    },
    async pickFiles(request) {
      const { paths } = await appService.pickFile(request)
      return paths
    },
    setHelpOpen(open) {
      set({ helpOpen: open })
    },
    runMenuCommand(command) {
      if (command === 'shortcuts') {
        set({ helpOpen: !get().helpOpen })
        return
      }
      useConnectionsStore.getState().activate(null)
      if (command === 'new-profile') useProfilesStore.getState().edit('new')
    }
  }
}
