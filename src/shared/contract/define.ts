import type { z } from 'zod'

/** A request: its argument schema (checked in main before any service sees it) and its reply type. */
export interface RequestDef<Args extends z.ZodType, Reply> {
  args: Args
  /** Type-only marker, never set at run time. */
  reply?: Reply
}

/** An event from main and the type of its payload. */
export interface EventDef<Payload> {
  /** Type-only marker, never set at run time. */
  payload?: Payload
}

/** `defineRequest<Reply>()(argsSchema)`: the reply type is given, the argument type comes from the schema. */
export function defineRequest<Reply>() {
  return <Args extends z.ZodType>(args: Args): RequestDef<Args, Reply> => ({ args })
}

export function defineEvent<Payload>(): EventDef<Payload> {
  return {}
}
