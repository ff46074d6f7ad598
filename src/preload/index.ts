import { contextBridge, ipcRenderer } from 'electron'
import type { MainBridge, Result } from '../shared/contract'
import { buildBridge, isEventName } from '../shared/contract/bridge'

// Named functions only: the page never sees ipcRenderer, and only contract channels are reachable. The
// bridge comes from the contract's names alone (no schemas): main checks every argument anyway.
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
