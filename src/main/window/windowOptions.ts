import { contentSecurityPolicy } from '../../shared/security/contentSecurityPolicy'
import type { BrowserWindowConstructorOptions } from 'electron'
import { APP_NAME } from '../shell/appIdentity'

/** The desktop window's policy: the page talks to main over IPC only, so no socket sources. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy()

/** The size of a first window, before any size was remembered. */
export const DEFAULT_WINDOW_SIZE = { width: 1400, height: 900 } as const

/** Window options with the security defaults DESIGN.md requires; a unit test pins each one. */
export function mainWindowOptions(preloadPath: string, place: { x?: number; y?: number; width: number; height: number } = DEFAULT_WINDOW_SIZE): BrowserWindowConstructorOptions {
  return {
    ...place,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: APP_NAME,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false
    }
  }
}
