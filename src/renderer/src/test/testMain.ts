import {
  buildBridge,
  requests,
  UserFacingError,
  type EventName,
  type EventPayloadOf,
  type MainBridge,
  type ParsedArgsOf,
  type ReplyOf,
  type RequestName,
  type Result
} from '@shared/contract'
import { installBridge } from '../services/api'

/** Handlers standing in for main's services in renderer unit tests (arguments are schema-parsed first, as in main). */
export type TestHandlers = { [N in RequestName]?: (args: ParsedArgsOf<N>) => ReplyOf<N> | Promise<ReplyOf<N>> }

/** The installed test bridge: its calls and a way to send events. */
export interface TestMain {
  bridge: MainBridge
  /** Every request made, in order. */
  calls: { name: RequestName; args: unknown }[]
  emit<N extends EventName>(name: N, payload: EventPayloadOf<N>): void
}

/** A bridge over an in-memory handler table, installed as the app's bridge. */
export function installTestMain(handlers: TestHandlers): TestMain {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const calls: TestMain['calls'] = []
  const call = async (name: RequestName, rawArgs: unknown): Promise<Result<unknown>> => {
    calls.push({ name, args: rawArgs })
    const parsed = requests[name].args.safeParse(rawArgs)
    if (!parsed.success) return { ok: false, error: { code: 'invalid-argument', message: parsed.error.issues[0]?.message ?? 'Invalid.' } }
    const handler = handlers[name] as ((args: unknown) => unknown) | undefined
    if (!handler) return { ok: false, error: { code: 'unknown-request', message: `No handler for ${name} in this test.` } }
    try {
      return { ok: true, value: await handler(parsed.data) }
    } catch (error) {
      if (error instanceof UserFacingError) return { ok: false, error: { code: error.code, message: error.message } }
      throw error
    }
  }
  const listen = (name: EventName, listener: (payload: unknown) => void): (() => void) => {
    const set = listeners.get(name) ?? new Set()
    listeners.set(name, set)
    set.add(listener)
    return () => set.delete(listener)
  }
  const bridge = buildBridge(call, listen)
  installBridge(bridge)
  return {
    bridge,
    calls,
    emit(name, payload) {
      for (const listener of listeners.get(name) ?? []) listener(payload)
    }
  }
}
