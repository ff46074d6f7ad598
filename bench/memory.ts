// (d) Memory after 1M messages over 100k topics keeping 10 per topic: our model, or a bare baseline that
// keeps the same 10 messages per topic in plain arrays. (m) 1M topics, latest values only: our model keeping 1
// per topic, or a bare Map of topic → payload copy. Each runs in its own process so RSS is its own.
import type { ReceivedMessage } from '../src/shared/contract'
import { ModelService } from '../src/main/model'
import { childConfig, finishWith, rssAfterGc } from './lib/child'
import { benchTopic, freshString, payloadChunk } from './lib/messages'

export interface MemoryConfig {
  mode: 'model' | 'baseline' | 'map' | 'empty'
  messages: number
  topics: number
  keep: number
  budgetBytes: number
}

export interface MemoryResult {
  rssBytes: number
  storedBytes: number
  /** Latest values whose payload the model's budget could not keep (0: every payload is kept, as the baseline keeps it). */
  evictedPayloads?: number
}

/** What a careful naive explorer keeps: the message with a copy of its payload, the newest `keep` per topic. */
interface KeptMessage {
  payload: Uint8Array
  qos: number
  retain: boolean
  receivedAt: number
}

function feed(config: MemoryConfig, sink: (message: ReceivedMessage) => void): void {
  const { chunk, offsets, lengths } = payloadChunk(4096)
  for (let i = 0; i < config.messages; i++) {
    const at = offsets[i % 4096] as number
    const payload = chunk.subarray(at, at + (lengths[i % 4096] as number))
    sink({ topic: freshString(benchTopic('bench/memory', i, config.topics)), payload, qos: 0, retain: false, dup: false, receivedAt: 1_700_000_000_000 + i })
  }
}

function main(): void {
  const config = childConfig<MemoryConfig>()
  const result: MemoryResult = { rssBytes: 0, storedBytes: 0 }
  const keepAlive: unknown[] = []
  if (config.mode === 'model') {
    const model = new ModelService({
      emitClearProgress: () => undefined,
      publish: () => Promise.resolve(),
      settings: { historyLimit: config.keep, budgetBytes: config.budgetBytes }
    })
    feed(config, (message) => model.ingest('bench', message))
    result.storedBytes = model.model('bench').storedBytes
    result.evictedPayloads = model.model('bench').evictedPayloads
    keepAlive.push(model)
  } else if (config.mode === 'baseline') {
    const kept = new Map<string, KeptMessage[]>()
    feed(config, (message) => {
      let list = kept.get(message.topic)
      if (!list) kept.set(message.topic, (list = []))
      list.push({ payload: new Uint8Array(message.payload), qos: message.qos, retain: message.retain, receivedAt: message.receivedAt })
      if (list.length > config.keep) list.shift()
    })
    keepAlive.push(kept)
  } else if (config.mode === 'map') {
    const latest = new Map<string, Uint8Array>()
    feed(config, (message) => latest.set(message.topic, new Uint8Array(message.payload)))
    keepAlive.push(latest)
  }
  result.rssBytes = rssAfterGc()
  finishWith(result)
  keepAlive.length = 0
}

main()
