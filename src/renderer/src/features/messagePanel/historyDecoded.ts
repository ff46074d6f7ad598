import type { MessageRecord } from '@shared/contract'
import { isSparkplugTopic, type DecoderId } from '@shared/decoders'
import { modelService } from '../../services/model'
import { connectionDecoders } from '../../stores/connections'
import { decodedView } from './decodedView'

/** A message's value as a decoder reads it, for the CSV's `decoder` and `decoded` columns. */
export interface DecodedCell {
  decoder: DecoderId
  text: string
}

// Text and JSON are already readable in the payload column, and hex adds nothing to base64.
const READABLE: ReadonlySet<DecoderId> = new Set<DecoderId>(['text', 'json', 'hex'])

/**
 * What the profile's pin or the auto decoder reads in each message that is not plain text: whole payloads (fetched
 * when only a preview was loaded), Sparkplug against main's history so names and types are the ones in force on arrival.
 */
export async function decodedCells(connectionId: string, topic: string, messages: readonly MessageRecord[]): Promise<Map<number, DecodedCell>> {
  const cells = new Map<number, DecodedCell>()
  const sparkplug = isSparkplugTopic(topic)
  const decoders = connectionDecoders(connectionId)
  // One message at a time: an export of a long history must not flood main with requests.
  for (const m of messages) {
    if (m.payloadEvicted) continue
    const bytes = m.truncated ? (await modelService.message({ connectionId, topic, seq: m.seq })).payload : m.payload
    const decoder = decoders.decoderFor({ bytes, topic })
    if (READABLE.has(decoder)) continue
    const history = sparkplug ? await modelService.sparkplug({ connectionId, topic, seq: m.seq }) : undefined
    const view = decodedView(bytes, topic, decoder, decoders, history ? { history, receivedAt: m.receivedAt } : undefined)
    cells.set(m.seq, { decoder, text: view.error ?? view.text.replace(/\s*\n\s*/g, ' ') })
  }
  return cells
}
