import type { z } from 'zod'
import {
  isRequestName,
  requests,
  UserFacingError,
  type AppError,
  type ParsedArgsOf,
  type ReplyOf,
  type RequestName,
  type Result
} from '../../shared/contract'
import type { DeltaReceiver } from '../ports/deltaReceiver'

/**
 * One handler per request; arguments arrive already schema-checked. `caller` is the window or socket that asked,
 * which is also the receiver of its own delta stream.
 */
export type Handler<N extends RequestName> = (args: ParsedArgsOf<N>, caller: DeltaReceiver) => Promise<ReplyOf<N>> | ReplyOf<N>

/** The transport-neutral table: Electron IPC and the headless WebSocket server both dispatch into it. */
export type HandlerTable = { [N in RequestName]: Handler<N> }

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0]
  if (!first) return 'The request was malformed.'
  const where = first.path.length > 0 ? ` (${first.path.join('.')})` : ''
  return `${first.message}${where}`
}

/** Turns anything a handler threw into a sentence the user can read; never leaks a stack trace. */
export function toAppError(error: unknown): AppError {
  if (error instanceof UserFacingError) return { code: error.code, message: error.message }
  const detail = error instanceof Error && error.message ? ` (${error.message})` : ''
  return { code: 'internal', message: `Something went wrong inside the app${detail}. Try again; if it keeps happening, restart the app.` }
}

/** Validates the name and arguments of an untrusted request, then runs its handler for `caller`. */
export async function dispatch(table: HandlerTable, name: unknown, rawArgs: unknown, caller: DeltaReceiver): Promise<Result<unknown>> {
  if (!isRequestName(name)) {
    return { ok: false, error: { code: 'unknown-request', message: `The app does not know the request "${String(name)}".` } }
  }
  const parsed = requests[name].args.safeParse(rawArgs)
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid-argument', message: describeIssues(parsed.error) } }
  }
  try {
    const handler = table[name] as (args: unknown, caller: DeltaReceiver) => Promise<unknown> | unknown
    return { ok: true, value: await handler(parsed.data, caller) }
  } catch (error) {
    return { ok: false, error: toAppError(error) }
  }
}
