// The bench's traffic: ~60-byte JSON payloads over topics of a few levels, made the same way everywhere.

/** Topic `i` of a run (of `topics`), a few levels deep like device telemetry. */
export function benchTopic(prefix: string, i: number, topics: number): string {
  const index = i % topics
  return `${prefix}/site${index % 10}/dev${Math.floor(index / 10)}/value`
}

/** Writes message `i`'s JSON payload (about 60 bytes) into `target` at `offset`; returns its length. */
export function writePayload(target: Buffer, offset: number, i: number): number {
  const value = ((i * 7919) % 100_000) / 100
  return target.write(`{"seq":${i},"value":${value.toFixed(2)},"unit":"C","ts":${1_700_000_000_000 + i}}`, offset, 'latin1')
}

/** A buffer standing in for the socket chunk mqtt.js hands out: payloads are views into it. */
export function payloadChunk(count: number): { chunk: Buffer; offsets: Int32Array; lengths: Int32Array } {
  const chunk = Buffer.alloc(count * 80)
  const offsets = new Int32Array(count)
  const lengths = new Int32Array(count)
  let at = 0
  for (let i = 0; i < count; i++) {
    offsets[i] = at
    lengths[i] = writePayload(chunk, at, i)
    at += lengths[i] as number
  }
  return { chunk, offsets, lengths }
}

/** A topic string as the MQTT parser makes it: a fresh string whose hash V8 has not computed yet. */
export function freshString(text: string): string {
  return Buffer.from(text, 'latin1').toString('latin1')
}
