import type { ClearResult } from './clear'
import type { IngestResult } from './ingest'
import type { DeltaFormatResult } from './lib/deltaFormat'
import type { MemoryResult } from './memory'
import type { SubscriberResult } from './subscriber'

/** One transport at one topic count: the bare subscriber and our pipeline. */
export interface ThroughputRow {
  transport: string
  topics: number
  messages: number
  bare: SubscriberResult
  pipeline: SubscriberResult
  ratio: number
}

/** Everything one bench run measured (written as bench-results/latest.json). */
export interface Report {
  at: string
  node: string
  cores: number
  cpu: string
  broker: string
  messages: number
  throughput: ThroughputRow[]
  /** `mapFloorMessagesPerSecond`: the same messages into a bare Map.set, the floor of any topic table. */
  ingest: Array<IngestResult & { messages: number; mapFloorMessagesPerSecond: number }>
  memory: { topics: number; messages: number; keep: number; budgetBytes: number; model: MemoryResult; baseline: MemoryResult; empty: MemoryResult }
  clear: ClearResult
  deltaFormat: DeltaFormatResult[]
}

const TARGETS = { ratio: 0.9, ingest: 3_000_000, memory: 1.2, clearSeconds: 3 }

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const rate = (perSecond: number): string => perSecond.toLocaleString('en-US')
const mark = (ok: boolean): string => (ok ? 'ok' : 'MISSED')

/** Prints the run as tables, each figure beside its target. */
export function printReport(report: Report): void {
  console.log(`\nBroker: ${report.broker}; ${report.cores} × ${report.cpu}; Node ${report.node}; ${rate(report.messages)} messages per run.\n`)
  console.table(report.throughput.map((row) => ({
    transport: row.transport,
    topics: row.topics,
    '(a) bare msg/s': rate(row.bare.messagesPerSecond),
    '(b) ours msg/s': rate(row.pipeline.messagesPerSecond),
    'b/a': row.ratio.toFixed(2),
    target: `≥ ${TARGETS.ratio}: ${mark(row.ratio >= TARGETS.ratio)}`,
    'lost (a/b)': `${row.messages - row.bare.received}/${row.messages - row.pipeline.received}`,
    deltas: row.pipeline.deltas,
    'max topics/delta': row.pipeline.maxTopicsPerDelta,
    'serialize ms': row.pipeline.serializeMs.toFixed(0)
  })))
  console.table(report.ingest.map((row) => ({
    '(c) ingest': `${rate(row.messages)} msgs over ${rate(row.topics)} topics`,
    'msg/s': rate(row.messagesPerSecond),
    'msg per CPU-s': rate(row.messagesPerCpuSecond),
    'bare Map.set msg/s': rate(row.mapFloorMessagesPerSecond),
    target: row.topics >= 100_000 ? `≥ 3M: ${mark(row.messagesPerSecond >= TARGETS.ingest)}` : '',
    stored: mb(row.storedBytes)
  })))
  const memory = report.memory
  const ratio = memory.model.rssBytes / memory.baseline.rssBytes
  console.table([{
    '(d) memory': `${rate(memory.messages)} msgs, ${rate(memory.topics)} topics, ${memory.keep} kept`,
    'empty process RSS': mb(memory.empty.rssBytes),
    'baseline RSS': mb(memory.baseline.rssBytes),
    'model RSS': mb(memory.model.rssBytes),
    'model/baseline': ratio.toFixed(2),
    target: `≤ ${TARGETS.memory} and ≤ budget: ${mark(ratio <= TARGETS.memory && memory.model.rssBytes <= memory.budgetBytes)}`,
    'model counted': mb(memory.model.storedBytes)
  }])
  console.table([{
    '(e) clear retained': `${rate(report.clear.topics)} topics`,
    cleared: report.clear.cleared,
    seconds: report.clear.seconds.toFixed(2),
    'gone from model': report.clear.goneFromModel,
    target: `≤ ${TARGETS.clearSeconds} s: ${mark(report.clear.goneFromModel && report.clear.seconds <= TARGETS.clearSeconds)}`
  }])
  console.table(report.deltaFormat.flatMap((result) => [
    { '(f) delta shape': `per-topic objects, ${result.topics} topics`, ...result.perTopic },
    { '(f) delta shape': `columns + shared buffer, ${result.topics} topics`, ...result.columns }
  ]))
}
