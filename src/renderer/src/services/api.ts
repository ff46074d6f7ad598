import { requests, type AppError, type ErrorCode, type MainApi, type MainBridge, type MainEvents, type RequestName, type Result } from '@shared/contract'
import { connectBridge } from './transport'

/** A failed request, carrying the contract's code and the sentence the user should read. */
export class ApiError extends Error implements AppError {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

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

/** Turns a thrown value into the sentence to show, keeping the contract's wording when there is one. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message)
  return String(error)
}

function buildApi(): Api {
  const api: Record<string, Record<string, (args: unknown) => Promise<unknown>>> = {}
  for (const name of Object.keys(requests) as RequestName[]) {
    const [domain, action] = name.split(':') as [string, string]
    ;(api[domain] ??= {})[action] = async (args: unknown) => {
      const call = (bridge().api as unknown as Record<string, Record<string, (a: unknown) => Promise<Result<unknown>>>>)[domain]?.[action]
      if (!call) throw new ApiError('unknown-request', `The back end does not know the request ${name}; update the app.`)
      const result = await call(args)
      if (!result.ok) throw new ApiError(result.error.code, result.error.message)
      return result.value
    }
  }
  return api as unknown as Api
}

/** Every request of the contract, e.g. `await api.profile.connect({ connectionId, profileId })`. */
export const api: Api = buildApi()

/** Event subscriptions of the contract, e.g. `events().connection.status(listener)`. */
export function events(): MainEvents {
  return bridge().events
}
