import { join } from 'node:path'
import { app, BrowserWindow, dialog, session } from 'electron'
import { createMainServices } from './services'
import { electronStoreDocumentFile } from './profiles/electronStoreDocumentFile'
import { createSafeStorageCipher } from './profiles/safeStorageCipher'
import { createHandlerTable } from './ipc/handlers'
import { toAppError } from './ipc/handlerTable'
import { registerIpcHandlers, sendEvent } from './ipc/electronAdapter'
import { createFilePicker } from './window/filePicker'
import { mainWindowOptions } from './window/windowOptions'
import { hardenContents, hardenSession } from './window/windowSecurity'

// The Electron shell stays thin: window, security and wiring. Everything else lives in services
// that the headless server runs too.
let mainWindow: BrowserWindow | undefined

function appUrl(): string {
  const devUrl = process.env['ELECTRON_RENDERER_URL']
  return devUrl && !app.isPackaged ? devUrl : `file://${join(__dirname, '../renderer/index.html')}`
}

function createWindow(): void {
  mainWindow = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.cjs')))
  hardenContents(mainWindow.webContents, appUrl())
  mainWindow.once('ready-to-show', () => mainWindow?.show())
  mainWindow.on('closed', () => (mainWindow = undefined))
  void mainWindow.loadURL(appUrl())
}

function start(): void {
  hardenSession(session.defaultSession)
  const services = createMainServices({
    dataDir: app.getPath('userData'),
    profileFiles: electronStoreDocumentFile,
    cipher: createSafeStorageCipher(),
    pickFiles: createFilePicker(() => mainWindow),
    emit: (name, payload) => sendEvent(mainWindow?.webContents, name, payload)
  })
  registerIpcHandlers(createHandlerTable(services), appUrl)
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
  app.on('before-quit', () => void services.dispose())
}

app.enableSandbox()
app.whenReady().then(() => {
  try {
    start()
  } catch (error) {
    // A damaged key or unreadable data folder must be explained, not end in a silent exit.
    dialog.showErrorBox('MQTT Explorer could not start', toAppError(error).message)
    app.quit()
  }
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
