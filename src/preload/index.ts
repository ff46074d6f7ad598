import { contextBridge, ipcRenderer } from 'electron'
import { buildBridge, isEventName, type MainBridge, type Result } from '../shared/contract'

// Named functions only: the page never sees ipcRenderer, and only contract channels are reachable.
const bridge: MainBridge = buildBridge(
  (name, args) => ipcRenderer.invoke(name, args) as Promise<Result<unknown>>,
  (name, listener) => {
    if (!isEventName(name)) return () => undefined
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(name, handler)
    return () => ipcRenderer.removeListener(name, handler)
  }
)

contextBridge.exposeInMainWorld('main', bridge)
