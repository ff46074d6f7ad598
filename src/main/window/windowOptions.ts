import { contentSecurityPolicy } from '../../shared/security/contentSecurityPolicy'
import type { BrowserWindowConstructorOptions } from 'electron'

/** The desktop window's policy: the page talks to main over IPC only, so no socket sources. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy()

/** Window options with the security defaults DESIGN.md requires; a unit test pins each one. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'MQTT Explorer',
    autoHideMenuBar: true,
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
