import { join } from 'node:path'
import { homedir } from 'node:os'
import { app, BrowserWindow, dialog, Menu, protocol, screen, session } from 'electron'
import Store from 'electron-store'
import { createMainServices } from './services'
import { electronStoreDocumentFile } from './profiles/electronStoreDocumentFile'
import { createSafeStorageCipher } from './profiles/safeStorageCipher'
import { createHandlerTable } from './ipc/handlers'
import { toAppError } from './ipc/handlerTable'
import { registerIpcHandlers, sendEvent } from './ipc/electronAdapter'
import { openExternalLink } from './external'
import { APP_ID, APP_NAME, PROJECT_PAGE } from './shell/appIdentity'
import { menuTemplate } from './shell/menuTemplate'
import { exportProfilesToFile, importProfilesFromFile, type FileNotice } from './shell/profileFiles'
import { installQuitSequence } from './shell/quitSequence'
import { runSmokeTest, SMOKE_TEST_SWITCH } from './shell/smokeTest'
import { captureWindowState, restoreWindowState } from './shell/windowState'
import { APP_SCHEME, APP_URL, createAppProtocolHandler } from './window/appProtocol'
import { createFilePicker } from './window/filePicker'
import { CONTENT_SECURITY_POLICY, DEFAULT_WINDOW_SIZE, mainWindowOptions } from './window/windowOptions'
import { hardenContents, hardenSession } from './window/windowSecurity'

// The Electron shell stays thin: window, menu, security and wiring. Everything else lives in services
// that the headless server runs too; each piece here has its logic in a module unit-tested without Electron.
let mainWindow: BrowserWindow | undefined
const smokeTest = process.argv.includes(SMOKE_TEST_SWITCH)

// Before ready: app:// must be a standard, secure scheme for fetch, workers and the CSP's 'self' to work.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }])
app.setName(APP_NAME)
if (process.platform === 'win32') app.setAppUserModelId(APP_ID)

function appUrl(): string {
  const devUrl = process.env['ELECTRON_RENDERER_URL']
  return devUrl && !app.isPackaged ? devUrl : APP_URL
}

function createWindow(windowState: Store<{ window?: unknown }>): void {
  const place = restoreWindowState(windowState.get('window'), screen.getAllDisplays().map((d) => d.workArea), DEFAULT_WINDOW_SIZE)
  const window = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.cjs'), place))
  mainWindow = window
  if (place.maximized) window.maximize()
  hardenContents(window.webContents, appUrl())
  window.once('ready-to-show', () => window.show())
  window.on('close', () => windowState.set('window', captureWindowState(window.getNormalBounds(), window.isMaximized())))
  window.on('closed', () => (mainWindow = undefined))
  if (smokeTest) {
    window.webContents.once('did-finish-load', () => void runSmokeTest({
      evaluate: (code) => window.webContents.executeJavaScript(code),
      write: (line) => void process.stdout.write(`${line}\n`),
      exit: (code) => app.exit(code)
    }))
    window.webContents.once('did-fail-load', (_event, code, description) => {
      process.stdout.write(`Smoke test failed: the page did not load (${description}, ${code})\n`)
      app.exit(1)
    })
  }
  void window.loadURL(appUrl())
}

/** The path the user chose in a native open or save dialog, or null when they cancelled. */
async function dialogFor(window: BrowserWindow | undefined, kind: 'open' | 'save', filters: Electron.FileFilter[]): Promise<string | null> {
  if (kind === 'open') {
    const options: Electron.OpenDialogOptions = { properties: ['openFile'], filters }
    const { canceled, filePaths } = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
    return canceled ? null : (filePaths[0] ?? null)
  }
  const options: Electron.SaveDialogOptions = { defaultPath: `brokerscope-profiles-${new Date().toISOString().slice(0, 10)}.json`, filters }
  const { canceled, filePath } = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
  return canceled || !filePath ? null : filePath
}

function focusWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
}

function start(): void {
  hardenSession(session.defaultSession)
  protocol.handle(APP_SCHEME, createAppProtocolHandler(join(__dirname, '../renderer'), CONTENT_SECURITY_POLICY))
  const services = createMainServices({
    dataDir: app.getPath('userData'),
    profileFiles: electronStoreDocumentFile,
    cipher: createSafeStorageCipher(),
    pickFiles: createFilePicker(() => mainWindow),
    userMachine: { platform: process.platform, env: process.env, homedir: homedir() },
    emit: (name, payload) => sendEvent(mainWindow?.webContents, name, payload)
  })
  registerIpcHandlers(createHandlerTable(services), appUrl)
  const report = (notice: FileNotice): void => {
    services.profiles.notices.add(notice)
    sendEvent(mainWindow?.webContents, 'app:menu', { command: 'show-profiles' })
  }
  const profileFilters = [{ name: 'Profiles', extensions: ['json'] }]
  app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: app.getVersion(), website: PROJECT_PAGE })
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, { appName: APP_NAME, isDev: !app.isPackaged }, {
    command: (command) => sendEvent(mainWindow?.webContents, 'app:menu', { command }),
    importProfiles: () => void dialogFor(mainWindow, 'open', profileFilters).then(async (path) => path !== null && report(await importProfilesFromFile(services.profiles, path))),
    exportProfiles: () => void dialogFor(mainWindow, 'save', profileFilters).then(async (path) => path !== null && report(await exportProfilesToFile(services.profiles, path))),
    about: () => app.showAboutPanel(),
    openProjectPage: () => void openExternalLink(PROJECT_PAGE)
  })))
  const windowState = new Store<{ window?: unknown }>({ name: 'window-state' })
  createWindow(windowState)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(windowState)
  })
  app.on('second-instance', focusWindow)
  installQuitSequence(app, () => services.dispose())
}

// One app per user: a second launch focuses the window that is open (the smoke test runs beside it).
if (!smokeTest && !app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.enableSandbox()
  app.whenReady().then(() => {
    try {
      start()
    } catch (error) {
      // A damaged key or unreadable data folder must be explained, not end in a silent exit.
      dialog.showErrorBox(`${APP_NAME} could not start`, toAppError(error).message)
      app.exit(1)
    }
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
