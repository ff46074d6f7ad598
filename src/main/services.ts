import { ConnectionManager } from './mqtt/connectionManager'
import { ModelService } from './model'
import type { EventSink } from './ports/eventSink'
import type { FilePicker } from './ports/filePicker'
import { createProfileServices, type DocumentFileFactory, type ProfileServices, type SecretCipher } from './profiles'

/** What main needs to start its services: where to keep data, and where events go. */
export interface MainServicesOptions {
  dataDir: string
  emit: EventSink
  /** How profile files are stored; default conf (plain Node). The Electron entry passes electron-store. */
  profileFiles?: DocumentFileFactory
  /** How saved secrets are sealed; default the key file in dataDir. The Electron entry passes safeStorage. */
  cipher?: SecretCipher
  /** The native open-file dialog; only the Electron entry has one, so the headless server leaves it out. */
  pickFiles?: FilePicker
}

/** The services behind the handler table; the Electron shell and the headless server both create one. */
export interface MainServices {
  connections: ConnectionManager
  profiles: ProfileServices
  /** Every connection's message model, fed by the engine; sends model:delta events. */
  model: ModelService
  /** The native file dialog when there is one; the engine reads exactly the paths the user chose. */
  pickFiles: FilePicker | undefined
  dispose(): Promise<void>
}

export function createMainServices(options: MainServicesOptions): MainServices {
  const connections = new ConnectionManager()
  const profiles = createProfileServices({
    dataDir: options.dataDir,
    emit: options.emit,
    ...(options.profileFiles && { files: options.profileFiles }),
    ...(options.cipher && { cipher: options.cipher })
  })
  const stopStatus = connections.onStatus((status) => options.emit('connection:status', status))
  const model = new ModelService({
    emitDelta: (delta) => options.emit('model:delta', delta),
    emitClearProgress: (progress) => options.emit('model:clearProgress', progress),
    publish: (connectionId, message) => connections.publish(connectionId, message)
  })
  const stopMessages = connections.onMessage((connectionId, message) => model.ingest(connectionId, message))
  return {
    connections,
    profiles,
    model,
    pickFiles: options.pickFiles,
    async dispose() {
      stopStatus()
      stopMessages()
      model.dispose()
      await connections.dispose()
    }
  }
}
