import type { z } from 'zod'
import { appEvents, appRequests } from './app'
import { brokerEvents, brokerRequests } from './broker'
import { browseRequests } from './browse'
import { connectionEvents, connectionRequests } from './connection'
import { modelEvents, modelRequests } from './model'
import { peerImportRequests } from './peerImport'
import { profileEvents, profileRequests } from './profiles'
import { recordingEvents, recordingRequests, replayEvents, replayRequests } from './recording'
import { requestReplyRequests } from './requestReply'
import { seriesRequests } from './series'
import { sequenceEvents, sequenceRequests } from './sequences'
import { simulationEvents, simulationRequests } from './simulation'
import type { EventDef, RequestDef } from './define'
import type { Result } from './errors'

export * from './errors'
export * from './common'
export * from './connection'
export * from './model'
export * from './deltaTopicNames'
export * from './recordFlags'
export * from './profiles'
export * from './profileIssues'
export * from './peerImport'
export * from './decoderPrefs'
export * from './series'
export * from './requestReply'
export * from './simulation'
export * from './sequences'
export * from './charts'
export * from './app'
export * from './recording'
export * from './browse'
export * from './broker'
export type { RequestDef, EventDef } from './define'
export { buildBridge, byDomain, isEventName, isRequestName } from './bridge'
export { EVENT_NAMES, REQUEST_NAMES, type UnlistedEventName, type UnlistedRequestName } from './names'

/** Every request the renderer may make, keyed `domain:action`. */
export const requests = { ...connectionRequests, ...modelRequests, ...seriesRequests, ...profileRequests, ...peerImportRequests, ...recordingRequests, ...replayRequests, ...browseRequests, ...simulationRequests, ...sequenceRequests, ...requestReplyRequests, ...brokerRequests, ...appRequests } as const
/** Every event main may send, keyed `domain:name`. */
export const events = { ...connectionEvents, ...modelEvents, ...profileEvents, ...recordingEvents, ...replayEvents, ...simulationEvents, ...sequenceEvents, ...brokerEvents, ...appEvents } as const

export type Requests = typeof requests
export type RequestName = keyof Requests & string
export type Events = typeof events
export type EventName = keyof Events & string

/** Arguments as the caller writes them (defaults may be left out). */
export type ArgsOf<N extends RequestName> = Requests[N] extends RequestDef<infer A, unknown> ? z.input<A> : never
/** Arguments as a handler receives them, after schema parsing filled the defaults. */
export type ParsedArgsOf<N extends RequestName> = Requests[N] extends RequestDef<infer A, unknown> ? z.output<A> : never
export type ReplyOf<N extends RequestName> = Requests[N] extends RequestDef<z.ZodType, infer R> ? R : never
export type EventPayloadOf<N extends EventName> = Events[N] extends EventDef<infer P> ? P : never

type DomainOf<N extends string> = N extends `${infer D}:${string}` ? D : never
type ActionOf<N extends string, D extends string> = N extends `${D}:${infer A}` ? A : never

/** The API the renderer sees: `api.profile.connect(args)`, one named function per request. */
export type MainApi = {
  [D in DomainOf<RequestName>]: {
    [N in RequestName as ActionOf<N, D>]: (args: ArgsOf<N>) => Promise<Result<ReplyOf<N>>>
  }
}

/** Event subscriptions: `events.connection.status(listener)` returns a function that unsubscribes. */
export type MainEvents = {
  [D in DomainOf<EventName>]: {
    [N in EventName as ActionOf<N, D>]: (listener: (payload: EventPayloadOf<N>) => void) => () => void
  }
}

/** What the Electron preload exposes on `window.main`, and what the WebSocket client implements. */
export interface MainBridge {
  api: MainApi
  events: MainEvents
}
