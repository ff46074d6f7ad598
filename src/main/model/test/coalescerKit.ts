// Shared by the coalescer's tests: a model, a coalescer on a fake clock, and receivers that read deltas as the page does.
import { DELTA_STRIDE, DeltaField, DeltaTopicNames, type ModelDelta, type ModelSettings, type ReceivedMessage } from '../../../shared/contract'
import type { DeltaReceiver } from '../../ports/deltaReceiver'
import { DeltaCoalescer } from '../coalescer'
import { ConnectionModel } from '../connectionModel'
import { defaultModelSettings, mergeSettings } from '../settings'

/** A receiver as the page is one: it reads names and topics as it applies each delta, and confirms it unless told not to. */
export function receiverOf(coalescer: DeltaCoalescer, id: string, options: { canSend?: () => boolean; acks?: boolean } = {}) {
  const deltas: ModelDelta[] = []
  /** Each delta's changed topics by name, as the receiver reads them. */
  const topics: Array<Array<string | undefined>> = []
  const names = new DeltaTopicNames()
  let open = true
  const receiver: DeltaReceiver = {
    id,
    isOpen: () => open,
    canSend: options.canSend ?? (() => true),
    send: (delta) => {
      deltas.push(delta)
      topics.push(names.read(delta))
      if (options.acks !== false) coalescer.stream(id)?.ack(delta.seq)
    }
  }
  coalescer.attach(receiver)
  return { receiver, deltas, topics, close: () => (open = false) }
}

export function setup(changes: Partial<ModelSettings> = {}, canSend?: () => boolean) {
  const settings = mergeSettings(defaultModelSettings, changes)
  const model = new ConnectionModel(() => settings)
  let now = 10_000
  const coalescer = new DeltaCoalescer('c1', model, { settings: () => settings, now: () => now })
  const { receiver, deltas, topics } = receiverOf(coalescer, 'window', canSend ? { canSend } : {})
  const advance = (ms: number): void => {
    now += ms
  }
  return { model, coalescer, receiver, deltas, topics, advance, now: (): number => now }
}

export const msg = (topic: string, payload: string, extra: Partial<ReceivedMessage> = {}): ReceivedMessage => ({
  topic,
  payload: Buffer.from(payload),
  qos: 0,
  retain: false,
  dup: false,
  receivedAt: 5,
  ...extra
})

export const field = (delta: ModelDelta, index: number, name: keyof typeof DeltaField): number =>
  delta.numbers[index * DELTA_STRIDE + DeltaField[name]] as number

