// The Sparkplug B decoder as the registry sees it: detection by topic, decoding against the connection's state.
import { summaryLine, type DecodeResult, type PayloadDecoder } from '../types'
import { SparkplugState } from './state'
import { sparkplugSummary } from './summary'
import { parseTopic } from './topic'
import type { SparkplugOutcome } from './types'

/** What the Sparkplug decoder reads beyond the bytes: the connection's state, when the owner keeps one. */
export interface SparkplugContext {
  sparkplug?: SparkplugState
}

/** Whether a topic is a Sparkplug B 3.0 topic (spBv1.0/… with a known message type, or spBv1.0/STATE/<host>). */
export function isSparkplugTopic(topic: string): boolean {
  const parsed = parseTopic(topic)
  return typeof parsed !== 'string' && !(parsed.kind === 'state' && parsed.legacy)
}

/** An outcome of SparkplugState.observe or .decode as the DecodeResult views take. */
export function sparkplugResult(outcome: SparkplugOutcome): DecodeResult {
  return outcome.ok
    ? { ok: true, decoder: 'sparkplug', decoded: { kind: 'sparkplug', message: outcome.message }, summary: summaryLine(sparkplugSummary(outcome.message)) }
    : { ok: false, decoder: 'sparkplug', error: outcome.error }
}

/** Without a state only the message itself is decoded: no names from births, and no flags that need them. */
function decodeAlone(topic: string, bytes: Uint8Array): SparkplugOutcome {
  const outcome = new SparkplugState().decode(topic, bytes)
  if (outcome.ok && outcome.message.type !== 'STATE') outcome.message.flags = {}
  return outcome
}

/** Sparkplug B 3.0: picked automatically on spBv1.0 topics; names and types resolve against the context's state. */
export const sparkplugDecoder: PayloadDecoder<SparkplugContext> = {
  id: 'sparkplug',
  label: 'Sparkplug B',
  detects: (input) => isSparkplugTopic(input.topic),
  decode: (input, context) =>
    sparkplugResult(context?.sparkplug ? context.sparkplug.decode(input.topic, input.bytes) : decodeAlone(input.topic, input.bytes))
}
