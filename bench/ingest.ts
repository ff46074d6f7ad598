// (c) Model ingest alone, in one process: messages made the way the engine hands them over (a fresh
// topic string each, the payload a view into a shared chunk), fed to ModelService.ingest.
import type { ReceivedMessage } from '../src/shared/contract'
import { ModelService } from '../src/main/model'
import { childConfig, finishWith } from './lib/child'
import { benchTopic, freshString, payloadChunk } from './lib/messages'

export interface IngestConfig {
  /** `map`: the floor, the same messages stored with a bare Map.set(topic, message) and nothing else. */
  kind: 'model' | 'map'
  /**
   * `fresh`: a new string per message, as mqtt.js parses it off the wire (its hash not yet computed);
   * `interned`: one string object per topic, made before the run (as a peer of an in-process publisher would).
   */
  topicStrings: 'fresh' | 'interned'
  /**
   * `cycle`: topic after topic in turn, as the flood publisher sends them (and as devices publishing in a
   * fixed order do); `random`: each message's topic drawn at random, so no order can be learned.
   */
  order: 'cycle' | 'random'
  messages: number
  topics: number
}

export interface IngestResult {
  topicStrings: IngestConfig['topicStrings']
  order: IngestConfig['order']
  /** Median of the passes. */
  messagesPerSecond: number
  /** Messages per second of this process's own CPU time (every thread), median of the passes. */
  messagesPerCpuSecond: number
  passes: number[]
  topics: number
  storedBytes: number
}

const PAYLOADS = 4096
const PASSES = 3
/**
 * Messages are made just before they are fed, a batch at a time, outside the timed loop: mqtt.js hands
 * over a socket chunk's messages (~700 of these per 64 KiB) right after parsing them, so their objects and
 * topic strings are still in the CPU cache and die young. Batches of 100,000 made beforehand would
 * measure cache misses and old-generation garbage the engine does not have.
 */
const BATCH = 512

/** Topic index of message `i` in random order: a 32-bit mix of `i` (the same sequence every run). */
function randomTopic(i: number, topics: number): number {
  let h = Math.imul(i ^ (i >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return ((h ^ (h >>> 16)) >>> 0) % topics
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] as number

function service(): ModelService {
  return new ModelService({ emitClearProgress: () => undefined, publish: () => Promise.resolve() })
}

function main(): void {
  const config = childConfig<IngestConfig>()
  const { chunk, offsets, lengths } = payloadChunk(PAYLOADS)
  const views = Array.from({ length: PAYLOADS }, (_, i) => chunk.subarray(offsets[i], (offsets[i] as number) + (lengths[i] as number)))
  const names = config.topicStrings === 'interned' ? Array.from({ length: config.topics }, (_, i) => benchTopic('bench/ingest', i, config.topics)) : []
  const batch = new Array<ReceivedMessage>(BATCH)
  const fill = (start: number, count: number, topics: number, interned: boolean, order: IngestConfig['order'] = 'cycle'): void => {
    for (let n = 0; n < count; n++) {
      const i = start + n
      const index = order === 'random' ? randomTopic(i, topics) : i
      const topic = interned ? (names[index % topics] as string) : freshString(benchTopic('bench/ingest', index, topics))
      batch[n] = { topic, payload: views[i % PAYLOADS] as Buffer, qos: 0, retain: false, dup: false, receivedAt: 1_700_000_000_000 + i }
    }
  }
  // Warm the JIT on a separate model so the measured ones start empty.
  const warm = service()
  for (let start = 0; start < 50_000; start += BATCH) {
    fill(start, BATCH, 1_000, false)
    for (let n = 0; n < BATCH; n++) warm.ingest('warm', batch[n] as ReceivedMessage)
  }
  warm.dispose()
  const rates: number[] = []
  const cpuRates: number[] = []
  let topics = 0
  let storedBytes = 0
  for (let pass = 0; pass < PASSES; pass++) {
    const model = service()
    const floor = new Map<string, ReceivedMessage>()
    let elapsed = 0
    let cpuMicros = 0
    for (let start = 0; start < config.messages; start += BATCH) {
      const count = Math.min(BATCH, config.messages - start)
      fill(start, count, config.topics, config.topicStrings === 'interned', config.order)
      const cpu = process.cpuUsage()
      const started = performance.now()
      if (config.kind === 'map') for (let n = 0; n < count; n++) floor.set((batch[n] as ReceivedMessage).topic, batch[n] as ReceivedMessage)
      else for (let n = 0; n < count; n++) model.ingest('bench', batch[n] as ReceivedMessage)
      elapsed += performance.now() - started
      const used = process.cpuUsage(cpu)
      cpuMicros += used.user + used.system
    }
    rates.push(Math.round((config.messages * 1000) / elapsed))
    cpuRates.push(Math.round((config.messages * 1e6) / cpuMicros))
    const connection = model.model('bench')
    topics = config.kind === 'map' ? floor.size : connection.topics.size
    storedBytes = connection.storedBytes
    model.dispose()
  }
  const result: IngestResult = {
    topicStrings: config.topicStrings,
    order: config.order,
    messagesPerSecond: median(rates),
    messagesPerCpuSecond: median(cpuRates),
    passes: rates,
    topics,
    storedBytes
  }
  finishWith(result)
}

main()
