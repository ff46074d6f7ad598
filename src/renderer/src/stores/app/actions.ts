import type { PickFileRequest } from '@shared/contract'
import { appService } from '../../services/app'
import type { AppState } from './initialState'

type Set = (partial: Partial<AppState>) => void

/** Asks main what it can do, and uses what it can do beyond the common requests. */
export interface AppActions {
  loadCapabilities(): Promise<void>
  /** Opens the native file dialog; resolves with the chosen paths (empty when cancelled), rejects with the contract's sentence. */
  pickFiles(request: PickFileRequest): Promise<string[]>
}

export function createAppActions(set: Set): AppActions {
  return {
    async loadCapabilities() {
      // When main cannot answer, keep the defaults: typed paths work everywhere.
      const capabilities = await appService.capabilities({}).catch(() => null)
      if (capabilities) set({ capabilities })
    },
    async pickFiles(request) {
      const { paths } = await appService.pickFile(request)
      return paths
    }
  }
}
