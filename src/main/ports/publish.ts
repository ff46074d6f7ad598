import type { PublishMessage, PublishResult } from '../../shared/contract'

/** Publishing on an open connection, as replays and simulations need it of the engine. */
export type Publish = (connectionId: string, message: PublishMessage) => Promise<PublishResult>

/** QoS 0 messages written in one go: for each, null when written, or why it was not sent. */
export type PublishBurst = (connectionId: string, messages: readonly PublishMessage[]) => Promise<Array<Error | null>>
