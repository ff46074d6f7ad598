import { mkdir } from 'node:fs/promises'
import { createMainServices } from '../main/services'
import { startAlwaysOnRecordings } from './alwaysOn'
import { createHandlerTable } from '../main/ipc/handlers'
import { dispatch } from '../main/ipc/handlerTable'
import { startHttpServer } from './httpServer'
import { BROKER_PASSWORD_VARIABLE, type ServerOptions } from './options'
import { withHeadlessPolicy } from './requestPolicy'
import { SocketHub } from './socketHub'
import { loadStaticFiles } from './staticFiles'
import { loadAccessToken, type AccessToken } from './token'

/** Everything the headless mode needs to start; `rendererDir` is the built renderer (out/renderer). */
export interface HeadlessOptions extends ServerOptions {
  rendererDir: string
  env: NodeJS.ProcessEnv
}

/** A running headless server. */
export interface Headless {
  /** `http://host:port` */
  origin: string
  port: number
  token: AccessToken
  /** The address to open, token included. */
  url: string
  /** One sentence per --record profile: what is recorded, or why not. */
  recordingNotes: string[]
  /** With --broker: the addresses devices can use for the built-in broker; null when it is off. */
  brokerNote: string | null
  /** Closes every socket, stops listening and disposes the services; calling it again waits for the same stop. */
  stop(): Promise<void>
}

/** Starts the same main services as the desktop app and serves them, with the built renderer, over HTTP + WebSocket. */
export async function startHeadless(options: HeadlessOptions): Promise<Headless> {
  // Profiles, the key file and the token live here. A new directory is the user's alone; an existing one keeps its
  // mode (it may be one the user chose on purpose), and the files in it are created readable by the user only.
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 })
  const token = await loadAccessToken(options.dataDir, options.env)
  const files = await loadStaticFiles(options.rendererDir)

  // Requests only arrive once a socket is open, long after `table` exists.
  const hub = new SocketHub(withHeadlessPolicy((name, args, caller) => dispatch(table, name, args, caller)))
  const services = createMainServices({
    dataDir: options.dataDir,
    emit: hub.broadcast,
    ...(options.historyPerTopic === undefined ? {} : { modelSettings: { historyLimit: options.historyPerTopic } })
  })
  const table = createHandlerTable(services)

  try {
    const server = await startHttpServer({ host: options.host, port: options.port, token: token.value, allowedHosts: options.allowedHosts, files, hub })
    // Before the recordings, so --record can name a profile pointing at the built-in broker.
    const broker = options.brokerPort === undefined ? null : await services.broker.start({ tcpPort: options.brokerPort, host: options.host, ...options.brokerLogin }).catch(async (error: unknown) => {
      await server.close()
      throw error
    })
    const recordingNotes = await startAlwaysOnRecordings(services, options.record ?? [])
    let stopped: Promise<void> | undefined
    return {
      origin: server.origin,
      port: server.port,
      token,
      url: `${server.origin}/?token=${token.value}`,
      recordingNotes,
      brokerNote:
        broker &&
        `The built-in broker listens on ${broker.addresses.map((address) => address.url).join(', ')}${options.brokerLogin ? `; devices log in as "${options.brokerLogin.username}" with the password from ${BROKER_PASSWORD_VARIABLE}` : ''}.`,
      stop: () =>
        (stopped ??= (async () => {
          await server.close()
          await services.dispose()
        })())
    }
  } catch (error) {
    await services.dispose()
    throw error
  }
}
