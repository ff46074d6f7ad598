import type { AppError, Result } from '../shared/contract'
import type { RequestDispatcher } from './socketHub'

/**
 * What the headless server refuses although the desktop app allows it. `profile:export` with `filePath` makes main
 * write a file where the caller says; a browser downloads the export instead, so over the network that is only a
 * way to write files on the gateway.
 */
function refusal(name: unknown, args: unknown): AppError | undefined {
  if (name === 'profile:export' && typeof args === 'object' && args !== null && (args as { filePath?: unknown }).filePath !== undefined) {
    return { code: 'invalid-argument', message: 'In the browser, exported profiles are downloaded; the server does not write files. Export again without choosing a file.' }
  }
  return undefined
}

/** Wraps the handler table's dispatcher with the headless refusals. */
export function withHeadlessPolicy(dispatch: RequestDispatcher): RequestDispatcher {
  return (name, args, caller): Promise<Result<unknown>> => {
    const error = refusal(name, args)
    return error ? Promise.resolve({ ok: false, error }) : dispatch(name, args, caller)
  }
}
