import type { EventName, EventPayloadOf } from '../../shared/contract'

/** Where services send events; the Electron adapter and the headless server each provide one. */
export type EventSink = <N extends EventName>(name: N, payload: EventPayloadOf<N>) => void
