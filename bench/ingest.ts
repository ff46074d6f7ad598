// (c) Model ingest alone, in one process: messages made beforehand the way the engine hands them over
// (a fresh topic string each, the payload a view into a shared chunk), then fed to ModelService.ingest.
import type { ReceivedMessage } from '../src/shared/contract'
import { ModelService } from '../src/main/model'
import { childConfig, finishWith } from './lib/child'
import { benchTopic, freshString, payloadChunk } from './lib/messages'

export interface IngestConfig {
  /** `map`: the floor, the same messages stored with a bare Map.set(topic, message) and nothing else. */
  kind: 'model' | 'map'
  messages: number
  topics: number
}

export interface IngestResult {
  messagesPerSecond: number
  /** Messages per second of this process's own CPU time: steadier than wall time on a busy machine. */
  messagesPerCpuSecond: number
  seconds: number
  topics: number
  storedBytes: number
}

const PAYLOADS = 4096
const BATCH = 100_000

/** Messages `start` … `start + count - 1`; made in batches so the measured heap holds only one batch. */
function makeMessages(start: number, count: number, topics: number, views: Buffer[]): ReceivedMessage[] {
  const messages = new Array<ReceivedMessage>(count)
  for (let n = 0; n < count; n++) {
    const i = start + n
    messages[n] = { topic: freshString(benchTopic('bench/ingest', i, topics)), payload: views[i % PAYLOADS] as Buffer, qos: 0, retain: false, dup: false, receivedAt: 1_700_000_000_000 + i }
  }
  return messages
}

function service(): ModelService {
  return new ModelService({ emitDelta: () => undefined, emitClearProgress: () => undefined, publish: () => Promise.resolve() })
}

function main(): void {
  const config = childConfig<IngestConfig>()
  const { chunk, offsets, lengths } = payloadChunk(PAYLOADS)
  const views = Array.from({ length: PAYLOADS }, (_, i) => chunk.subarray(offsets[i], (offsets[i] as number) + (lengths[i] as number)))
  // Warm the JIT on a separate model so the measured one starts empty.
  const warm = service()
  for (const message of makeMessages(0, 50_000, 1_000, views)) warm.ingest('warm', message)
  warm.dispose()
  const model = service()
  const floor = new Map<string, ReceivedMessage>()
  let elapsed = 0
  let cpuMicros = 0
  for (let start = 0; start < config.messages; start += BATCH) {
    const batch = makeMessages(start, Math.min(BATCH, config.messages - start), config.topics, views)
    const cpu = process.cpuUsage()
    const started = performance.now()
    if (config.kind === 'map') for (let i = 0; i < batch.length; i++) floor.set((batch[i] as ReceivedMessage).topic, batch[i] as ReceivedMessage)
    else for (let i = 0; i < batch.length; i++) model.ingest('bench', batch[i] as ReceivedMessage)
    elapsed += performance.now() - started
    const used = process.cpuUsage(cpu)
    cpuMicros += used.user + used.system
  }
  const seconds = elapsed / 1000
  const connection = model.model('bench')
  const topics = config.kind === 'map' ? floor.size : connection.topics.size
  const result: IngestResult = {
    messagesPerSecond: Math.round(config.messages / seconds),
    messagesPerCpuSecond: Math.round((config.messages * 1e6) / cpuMicros),
    seconds,
    topics,
    storedBytes: connection.storedBytes
  }
  model.dispose()
  finishWith(result)
}

main()
