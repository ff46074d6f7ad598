import type { PublishMessage, PublishResult } from '../../shared/contract'

/** Publishing on an open connection, as replays and simulations need it of the engine. */
export type Publish = (connectionId: string, message: PublishMessage) => Promise<PublishResult>
