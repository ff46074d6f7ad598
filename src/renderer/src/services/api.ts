import { byDomain, REQUEST_NAMES, type MainApi, type MainBridge, type MainEvents, type Result } from '@shared/contract'
import { ApiError } from './apiError'
import { connectBridge } from './transport'

// The bridge/api module: only src/renderer/src/services may import it (an ESLint rule says so). Views
// and stores call main through the services/<domain> modules or store actions.

type Unwrapped<F> = F extends (args: infer A) => Promise<Result<infer R>> ? (args: A) => Promise<R> : never

/** The contract's requests, resolving with the reply or rejecting with an ApiError. */
export type Api = { [D in keyof MainApi]: { [K in keyof MainApi[D]]: Unwrapped<MainApi[D][K]> } }

let current: MainBridge | null = null

/** Connects to main through the transport (Electron preload or WebSocket) and installs the bridge. */
export async function connectApi(): Promise<void> {
  installBridge(await connectBridge())
}

/** Installs a bridge: the transport's at start-up (connectApi), an in-memory one in tests. */
export function installBridge(bridge: MainBridge): void {
  current = bridge
}

function bridge(): MainBridge {
  if (!current) throw new ApiError('internal', 'The app is not connected to its back end yet; reload the window.')
  return current
}

type BridgeCall = (args: unknown) => Promise<Result<unknown>>

/** Every request of the contract, e.g. `await api.profile.connect({ connectionId, profileId })`. */
export const api = byDomain(REQUEST_NAMES, (name, domain, action) => async (args: unknown) => {
  const call = (bridge().api as unknown as Record<string, Record<string, BridgeCall> | undefined>)[domain]?.[action]
  if (!call) throw new ApiError('unknown-request', `The back end does not know the request ${name}; update the app.`)
  const result = await call(args)
  if (!result.ok) throw new ApiError(result.error.code, result.error.message)
  return result.value
}) as unknown as Api

/** Event subscriptions of the contract, e.g. `events().connection.status(listener)`. */
export function events(): MainEvents {
  return bridge().events
}
