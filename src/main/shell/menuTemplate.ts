import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/contract'

/** What the menu's own items do. */
export interface MenuActions {
  command(command: MenuCommand): void
  /** Import and export go through main's native file dialogs and report on the Profiles screen. */
  importProfiles(): void
  exportProfiles(): void
  about(): void
  openProjectPage(): void
}

/**
 * The application menu with each platform's conventions: the app menu on macOS (About, Services, Hide,
 * Quit), Quit under File elsewhere; developer tools only in development. F1 matches the in-app shortcut.
 */
export function menuTemplate(platform: NodeJS.Platform, options: { appName: string; isDev: boolean }, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      { label: `About ${options.appName}`, click: () => actions.about() },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' }
    ]
  }
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New profile', accelerator: 'CmdOrCtrl+N', click: () => actions.command('new-profile') },
      { label: 'Import profiles…', click: () => actions.importProfiles() },
      { label: 'Export profiles…', click: () => actions.exportProfiles() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' }
    ]
  }
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' }
    ]
  }
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(options.isDev ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' }
    ]
  }
  const window: MenuItemConstructorOptions = {
    label: '&Window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }, { type: 'separator' }, { role: 'window' }]
      : [{ role: 'minimize' }, { role: 'close' }]
  }
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { label: 'Keyboard shortcuts', accelerator: 'F1', click: () => actions.command('shortcuts') },
      { label: 'Project page', click: () => actions.openProjectPage() },
      ...(mac ? [] : [{ type: 'separator' } as const, { label: `About ${options.appName}`, click: () => actions.about() }])
    ]
  }
  return [...(mac ? [appMenu] : []), file, edit, view, window, help]
}
