// (h) Search over stored messages, in one process: the model holds `messages` flood messages (~60-byte JSON)
// over `topics` topics, all kept as history; main's search then looks for a value about one message in a
// thousand carries, through every kept message, as the filter box asks with "Search history" on.
import type { SearchKind } from '../src/shared/contract'
import { ModelService } from '../src/main/model'
import { childConfig, finishWith } from './lib/child'
import { benchTopic, writePayload } from './lib/messages'

export interface SearchConfig {
  kind: Extract<SearchKind, 'payload' | 'payloadRegex'>
  decoded: boolean
  messages: number
  topics: number
}

export interface SearchBenchResult {
  kind: SearchConfig['kind']
  decoded: boolean
  messages: number
  topics: number
  /** Milliseconds from the request to the first progress report with a match. */
  firstMatchMs: number
  finishMs: number
  matchingTopics: number
  status: string
}

/** Values 999.00–999.99: one message in a thousand (writePayload's value is (i × 7919 mod 100,000) / 100). */
const QUERIES = { payload: '"value":999.', payloadRegex: '"value":999\\.\\d+,' } as const

async function main(): Promise<void> {
  const config = childConfig<SearchConfig>()
  let firstMatchAt = 0
  const service = new ModelService({
    emitClearProgress: () => undefined,
    emitSearchProgress: (progress) => {
      if (firstMatchAt === 0 && progress.topics.length > 0) firstMatchAt = performance.now()
    },
    publish: () => Promise.resolve(),
    settings: { historyLimit: Math.ceil(config.messages / config.topics), budgetBytes: 2 ** 31, deltaIntervalMs: 5_000 }
  })
  const scratch = Buffer.alloc(128)
  for (let i = 0; i < config.messages; i++) {
    const length = writePayload(scratch, 0, i)
    service.ingest('bench', { topic: benchTopic('bench', i, config.topics), payload: Buffer.from(scratch.subarray(0, length)), qos: 0, retain: false, dup: false, receivedAt: i })
  }
  const stored = service.model('bench').log.liveRecords
  if (stored !== config.messages) throw new Error(`The model kept ${stored} of ${config.messages} messages; the search would not see them all.`)
  const started = performance.now()
  const result = await service.search('bench', 'bench-search', {
    kind: config.kind,
    query: QUERIES[config.kind],
    caseSensitive: false,
    path: null,
    history: true,
    decoded: config.decoded,
    limit: 100_000,
    timeLimitMs: 60_000
  })
  const finished = performance.now()
  service.dispose()
  finishWith({
    kind: config.kind,
    decoded: config.decoded,
    messages: config.messages,
    topics: config.topics,
    firstMatchMs: Math.round(firstMatchAt === 0 ? finished - started : firstMatchAt - started),
    finishMs: Math.round(finished - started),
    matchingTopics: result.topics.length,
    status: result.status
  } satisfies SearchBenchResult)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
