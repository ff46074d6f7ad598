import { hostname } from 'node:os'
import { fileURLToPath } from 'node:url'
import { startHeadless } from './headless'
import { moveLegacyDataDir } from './legacyDataDir'
import { OptionsError, parseServerOptions, USAGE } from './options'
import { TokenError, type AccessToken } from './token'

// `npm run serve`: the headless mode. Built into out/server/index.js, next to out/renderer.
const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url))

const TOKEN_NOTES: Record<AccessToken['source'], string> = {
  environment: 'The access token comes from BROKERSCOPE_TOKEN.\n',
  generated: 'A new access token was generated and saved in the data directory (server-token); it stays the same on later starts.\n',
  file: ''
}

function fail(message: string, withUsage = false): never {
  process.stderr.write(`${message}\n${withUsage ? `\n${USAGE}\n` : ''}`)
  process.exit(2)
}

async function main(): Promise<void> {
  let options
  try {
    options = parseServerOptions(process.argv.slice(2), process.env)
  } catch (error) {
    if (error instanceof OptionsError) fail(error.message, true)
    throw error
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const moved = await moveLegacyDataDir(options.dataDir, process.env)
  if (moved) process.stdout.write(`${moved}\n`)
  const server = await startHeadless({ ...options, rendererDir, env: process.env }).catch((error: unknown) => {
    if (error instanceof TokenError) fail(error.message)
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') fail(`Port ${options.port} is in use. Pick another with --port.`)
    if ((error as NodeJS.ErrnoException).code === 'EACCES') fail(`Listening on ${options.host}:${options.port} was not permitted. Pick a port above 1023 with --port.`)
    throw error
  })
  const everywhere = options.host === '0.0.0.0' || options.host === '::'
  const shown = everywhere ? server.url.replace(/\/\/[^/]+:/, `//${hostname()}:`) : server.url
  process.stdout.write(
    `Brokerscope is serving ${everywhere ? 'on every network interface' : `on ${options.host}`}.\n` +
      `Open ${shown}\n` +
      `Data directory: ${options.dataDir}\n` +
      TOKEN_NOTES[server.token.source] +
      server.recordingNotes.map((note) => `${note}\n`).join('') +
      (server.brokerNote === null ? '' : `${server.brokerNote}\n`)
  )
  const stop = (): void => {
    void server.stop().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => fail(`Brokerscope could not start: ${error instanceof Error ? error.message : String(error)}`))
