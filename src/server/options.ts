import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** How the headless server was asked to run. */
export interface ServerOptions {
  host: string
  /** 0 lets the OS pick a free port (tests use it). */
  port: number
  dataDir: string
  /** Extra Host header values to answer to while bound to loopback (a reverse proxy's public name). */
  allowedHosts: string[]
  /** Messages kept per topic (history, charts' back-fill); undefined keeps the model's default. */
  historyPerTopic?: number
  /** Profiles to connect and record from the start, with no page open (--record, repeatable). */
  record?: string[]
  /** With --broker PORT: the built-in broker's TCP port, on the same interface as the server; off when undefined. */
  brokerPort?: number
  /** With --broker-user and BROKERSCOPE_BROKER_PASSWORD: the login devices must give the built-in broker. */
  brokerLogin?: { username: string; password: string }
}

/** The built-in broker's password comes from here, never from the command line (where `ps` would show it). */
export const BROKER_PASSWORD_VARIABLE = 'BROKERSCOPE_BROKER_PASSWORD'
/** What the built-in broker accepts for a user name or password (brokerStartSchema). */
const LOGIN_MAX = 200

/** The most messages a topic may keep: what one chart series may read back (MAX_SERIES_POINTS). */
export const MAX_HISTORY_PER_TOPIC = 100_000

export const DEFAULT_PORT = 8080
export const DEFAULT_HOST = '127.0.0.1'

export const USAGE = `Usage: npm run serve -- [--host ADDRESS] [--port PORT] [--data-dir DIR] [--allow-host NAME]

  --host ADDRESS     interface to listen on (default ${DEFAULT_HOST}; 0.0.0.0 opens it to the network)
  --port PORT        TCP port (default ${DEFAULT_PORT}; 0 picks a free one)
  --data-dir DIR     where profiles, settings, the key file and the token live
                     (default $XDG_DATA_HOME/brokerscope-server, else ~/.brokerscope-server)
  --allow-host NAME  also answer to this Host (e.g. a TLS reverse proxy's name, with :port unless 443);
                     may be repeated
  --record NAME      connect the profile NAME at start and record everything it receives until the server
                     stops, with no browser open; may be repeated
  --broker PORT      run the built-in MQTT broker on this TCP port (0 picks a free one), on the same
                     interface as --host; off unless given
  --broker-user NAME devices must log in to the built-in broker as NAME, with the password in the
                     environment variable ${BROKER_PASSWORD_VARIABLE} (never on the command line)
  --history N        messages kept per topic, 1 to ${MAX_HISTORY_PER_TOPIC.toLocaleString('en-US')} (default 500; within the
                     512 MiB each connection may use)

Environment: BROKERSCOPE_TOKEN sets the access token instead of the generated one;
${BROKER_PASSWORD_VARIABLE} is the built-in broker's password (with --broker-user).`

/** Thrown for a command line the server cannot run with; the message is shown with the usage. */
export class OptionsError extends Error {}

/** Where profiles and the token live when --data-dir is not given (XDG when the user has set it up). */
export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  const xdg = env['XDG_DATA_HOME']
  return xdg ? join(xdg, 'brokerscope-server') : join(homedir(), '.brokerscope-server')
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new OptionsError(`The port "${value}" is not a number between 0 and 65535.`)
  }
  return port
}

function parseHistory(value: string): number {
  const count = Number(value)
  if (!/^\d+$/.test(value) || count < 1 || count > MAX_HISTORY_PER_TOPIC) {
    throw new OptionsError(`The history "${value}" is not a number of messages between 1 and ${MAX_HISTORY_PER_TOPIC}.`)
  }
  return count
}

function parseAllowedHost(value: string): string {
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:]+\](:\d{1,5})?$/.test(value)) {
    throw new OptionsError(`"${value}" is not a host name (with an optional :port) for --allow-host.`)
  }
  return value.toLowerCase()
}

/** The login of the built-in broker: a user name needs the password and the password a user name, both with --broker. */
function brokerLogin(options: ServerOptions, username: string | undefined, env: NodeJS.ProcessEnv): ServerOptions['brokerLogin'] {
  const password = env[BROKER_PASSWORD_VARIABLE] || undefined
  if (username === undefined && (password === undefined || options.brokerPort === undefined)) return undefined
  if (options.brokerPort === undefined) throw new OptionsError('--broker-user sets the login of the built-in broker, which only runs with --broker PORT. Add --broker, or leave --broker-user out.')
  if (username === undefined) throw new OptionsError(`${BROKER_PASSWORD_VARIABLE} is set but --broker-user is not: the built-in broker needs both a user name and a password, or neither. Add --broker-user NAME, or unset ${BROKER_PASSWORD_VARIABLE}.`)
  if (password === undefined) throw new OptionsError(`--broker-user needs the password in the environment variable ${BROKER_PASSWORD_VARIABLE} (not on the command line, where other users could see it). Set it, or leave --broker-user out.`)
  if (username.length > LOGIN_MAX || password.length > LOGIN_MAX) throw new OptionsError(`The built-in broker's user name and password are at most ${LOGIN_MAX} characters each.`)
  return { username, password }
}

/** Parses `--name value` and `--name=value` flags; `help` is true when usage was asked for. */
export function parseServerOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ServerOptions | 'help' {
  const options: ServerOptions = { host: DEFAULT_HOST, port: DEFAULT_PORT, dataDir: defaultDataDir(env), allowedHosts: [] }
  let brokerUser: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--help' || arg === '-h') return 'help'
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    const value = inline ?? argv[++i]
    if (value === undefined || value === '') throw new OptionsError(`The option ${flag} needs a value.`)
    if (flag === '--host') options.host = value
    else if (flag === '--port') options.port = parsePort(value)
    else if (flag === '--data-dir') options.dataDir = resolve(value)
    else if (flag === '--allow-host') options.allowedHosts.push(parseAllowedHost(value))
    else if (flag === '--history') options.historyPerTopic = parseHistory(value)
    else if (flag === '--broker') options.brokerPort = parsePort(value)
    else if (flag === '--broker-user') brokerUser = value
    else if (flag === '--record') options.record = [...(options.record ?? []), value]
    else throw new OptionsError(`The option "${arg}" is not known.`)
  }
  const login = brokerLogin(options, brokerUser, env)
  return login ? { ...options, brokerLogin: login } : options
}
