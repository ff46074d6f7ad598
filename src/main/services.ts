import { join } from 'node:path'
import { BrokerService } from './broker/brokerService'
import { HistoryKeeper } from './history/historyKeeper'
import { ConnectionManager } from './mqtt/connectionManager'
import { ModelService } from './model'
import type { ModelSettings, ReceivedMessage } from '../shared/contract'
import type { EventSink } from './ports/eventSink'
import type { FilePicker } from './ports/filePicker'
import type { Publish } from './ports/publish'
import { createProfileServices, PeerImporter, type DocumentFileFactory, type ProfileServices, type SecretCipher, type UserMachine } from './profiles'
import { RecordingBrowser } from './recording/recordingBrowser'
import { RecordingService } from './recording/recordingService'
import { ReplayService } from './recording/replayService'
import { SimulationService } from './simulation/simulationService'
import { SequenceService } from './sequences/sequenceService'
import { RequestReplies } from './requests/requestReplies'
import { SessionService } from './session/sessionService'

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
  /** The user's own machine, where other apps' files are looked for; only the Electron entry runs there. */
  userMachine?: UserMachine
  /** Model settings other than the defaults (the headless server's --history). */
  modelSettings?: Partial<ModelSettings>
}

/** The services behind the handler table; the Electron shell and the headless server both create one. */
export interface MainServices {
  connections: ConnectionManager
  profiles: ProfileServices
  /** Which profile each open connection came from; sends connection:status events. */
  sessions: SessionService
  /** Every connection's message model, fed by the engine; streams deltas to each receiver that opened a stream. */
  model: ModelService
  /** Recordings of connections into files in dataDir/recordings. */
  recordings: RecordingService
  /** The history profiles keep on disk (dataDir/history), restored when their connection opens. */
  history: HistoryKeeper
  /** Replays of recordings onto open connections. */
  replays: ReplayService
  /** Recordings open as read-only tabs, each in a model of its own. */
  browser: RecordingBrowser
  /** Device simulations: templates published at a rate. */
  simulations: SimulationService
  /** Runs of message sequences (steps with delays, once, N times or every T). */
  sequences: SequenceService
  /** MQTT 5 requests waiting for their replies. */
  requests: RequestReplies
  /** The native file dialog when there is one; the engine reads exactly the paths the user chose. */
  pickFiles: FilePicker | undefined
  /** Imports connections of MQTT Explorer and MQTTX; inline certificates go to dataDir/certificates. */
  peerImport: PeerImporter
  /** The built-in broker for field tests; stopped until asked for. */
  broker: BrokerService
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
  const model = new ModelService({
    emitClearProgress: (progress) => options.emit('model:clearProgress', progress),
    emitSearchProgress: (progress) => options.emit('model:searchProgress', progress),
    publish: (connectionId, message) => connections.publish(connectionId, message),
    ...(options.modelSettings && { settings: options.modelSettings })
  })
  const history = new HistoryKeeper({
    dir: join(options.dataDir, 'history'),
    perTopic: () => model.currentSettings().historyLimit,
    notify: (notice) => profiles.notices.add(notice)
  })
  const sessions = new SessionService(connections, profiles.profiles, options.emit, {
    open: (connectionId, profile) => {
      // A tab connecting again holds this session's messages already: only keep writing.
      const restore = model.view(connectionId).messageCount === 0 ? (message: ReceivedMessage) => model.ingest(connectionId, message) : null
      history.open(connectionId, profile.id, profile.name, restore)
    },
    close: (connectionId) => history.close(connectionId)
  })
  // A deleted profile's history on disk goes with it.
  const stopDeletes = profiles.library.onDelete((profileId) => history.discard(profileId))
  const recordings = new RecordingService({
    dir: join(options.dataDir, 'recordings'),
    emit: options.emit,
    // Kept with the recording: the profile as read back (no secrets) and its subscriptions.
    describe: (connectionId) => {
      const profileId = sessions.profileIdOf(connectionId)
      return profileId === undefined ? null : profiles.profiles.get(profileId)
    }
  })
  const replays = new ReplayService({
    open: (recordingId) => recordings.open(recordingId),
    publish: (connectionId, message) => connections.publish(connectionId, message),
    publishBurst: (connectionId, messages) => connections.publishBurst(connectionId, messages),
    emit: options.emit
  })
  const browser = new RecordingBrowser({ open: (recordingId) => recordings.open(recordingId), model })
  const publish: Publish = (connectionId, message) => connections.publish(connectionId, message)
  const simulations = new SimulationService({ publish, emit: options.emit })
  const sequences = new SequenceService({ publish, emit: options.emit })
  const requests = new RequestReplies(
    connections,
    (connectionId) => {
      const profileId = sessions.profileIdOf(connectionId)
      return profileId === undefined ? [] : profiles.profiles.get(profileId).subscriptions.map((s) => s.filter)
    },
    (connectionId, settled) => {
      const profileId = sessions.profileIdOf(connectionId)
      if (profileId !== undefined) profiles.library.recordRequest(profileId, settled)
    }
  )
  const stopStatus = connections.onStatus((status) => {
    // A closed connection's response-topic subscriptions are gone; the next connection subscribes anew.
    if (status.state === 'disconnected') requests.forget(status.connectionId)
    // A run waiting for a step's delay would only notice when the step is due.
    if (status.state === 'disconnected' || status.state === 'error') sequences.connectionClosed(status.connectionId)
  })
  const broker = new BrokerService(options.emit)
  const stopMessages = connections.onMessage((connectionId, message) => {
    requests.ingest(connectionId, message)
    model.ingest(connectionId, message)
    recordings.ingest(connectionId, message)
    history.ingest(connectionId, message)
  })
  return {
    connections,
    profiles,
    sessions,
    model,
    recordings,
    history,
    replays,
    browser,
    simulations,
    sequences,
    requests,
    pickFiles: options.pickFiles,
    peerImport: new PeerImporter(profiles.profiles, join(options.dataDir, 'certificates'), options.userMachine),
    broker,
    async dispose() {
      sessions.dispose()
      stopMessages()
      stopStatus()
      stopDeletes()
      simulations.dispose()
      sequences.dispose()
      await replays.dispose()
      recordings.dispose()
      browser.dispose()
      history.dispose()
      model.dispose()
      await connections.dispose()
      // After the connections, so the app's own tabs to the broker close as the user's, not as a lost broker.
      await broker.dispose()
    }
  }
}
