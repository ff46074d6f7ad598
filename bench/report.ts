import type { ClearResult } from './clear'
import type { DecodeResult } from './decode'
import type { IngestResult } from './ingest'
import type { DeltaFormatResult } from './lib/deltaFormat'
import type { MemoryResult } from './memory'
import type { SearchBenchResult } from './search'
import type { OpenRecordingResult } from './openRecording'
import type { ReplayBenchResult } from './replay'
import type { RetainedFloodRow } from './retainedFlood'
import type { SeriesResult } from './series'
import type { SubscriberResult } from './subscriber'

/** One transport at one topic count: the bare subscriber and our pipeline. */
export interface ThroughputRow {
  transport: string
  topics: number
  messages: number
  /** The median run of each side (of `rounds`). */
  bare: SubscriberResult
  pipeline: SubscriberResult
  /** Median ours ÷ median bare. */
  ratio: number
  /** Every round's rates, bare and ours measured one after the other. */
  rounds: Array<{ bare: number; pipeline: number }>
}

/** (k) one transport's flood into our pipeline without and with a recording of the connection (medians of the rounds). */
export interface RecordingCostRow {
  transport: string
  topics: number
  messages: number
  pipeline: number
  recording: number
  /** Median with recording ÷ median without. */
  ratio: number
  /** Summed over the recorded rounds: what the recording counted, wrote, could not write, and what the subscriber got. */
  received: number
  written: number
  notWritten: number
  delivered: number
  /** The largest recording file of the rounds. */
  sizeBytes: number
}

/** (m): RSS after GC of the model keeping each topic's latest message, a bare Map of topic → payload copy, an empty process. */
export interface ScaleMemory {
  topics: number
  budgetBytes: number
  empty: MemoryResult
  map: MemoryResult
  model: MemoryResult
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
  /** (g) one row per decoder. */
  decode: DecodeResult[]
  /** (h) one row per kind of search. */
  search: SearchBenchResult[]
  /** (i) the series query of charts. */
  series: SeriesResult
  /** (j) replay of a recording as fast as the broker takes it; null when (j) did not run. */
  replay: ReplayBenchResult | null
  /** (k) the cost of recording during the flood; empty when (k) did not run. */
  recordingCost: RecordingCostRow[]
  /** (m) memory at 1,000,000 topics with their latest values only; null when (m) did not run. */
  scaleMemory: ScaleMemory | null
  /** (n) the retained flood on subscribe; null when (n) did not run. */
  retainedFlood: RetainedFloodRow | null
  /** (l) opening a recording as a tab; null when (l) did not run. */
  openRecording: OpenRecordingResult | null
}

const TARGETS = { ratio: 0.9, ingest: 3_000_000, memory: 1.2, clearSeconds: 3, seriesMs: 20, replay: 100_000, openTreeMs: 2_000, scaleMemory: 1.5, retainedTime: 1.2 }

/** How each (c) variant got its topic strings. */
const topicStringsLabel = { fresh: 'fresh topic strings (as off the wire)', interned: 'pre-interned topic strings (one string per topic)' } as const
/** How each (c) variant ordered its topics. */
const orderLabel = { cycle: 'in turn', random: 'in random order' } as const
/**
 * The ingest target is set for 1,000,000 messages over 100,000 topics, with what the engine hands over, in
 * the flood's order. A shorter run (--quick) spends most of its messages creating topics, so it is not judged.
 */
const targetsIngest = (row: { messages: number; topics: number; topicStrings: string; order: string }): boolean =>
  row.messages >= 1_000_000 && row.topics >= 100_000 && row.topicStrings === 'fresh' && row.order === 'cycle'

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const rate = (perSecond: number): string => perSecond.toLocaleString('en-US')
/** Each round's ours ÷ bare, in order. */
export const roundRatios = (row: ThroughputRow): string => row.rounds.map((round) => (round.pipeline / round.bare).toFixed(2)).join(' ')
const mark = (ok: boolean): string => (ok ? 'ok' : 'MISSED')
const searchLabel = (row: SearchBenchResult): string => `${row.kind === 'payloadRegex' ? 'regex' : 'text'} in payloads${row.decoded ? ' and decoded text' : ''}, history included`

/** One table; parts left out by --only have no rows and print none. */
const table = (rows: object[]): void => {
  if (rows.length > 0) console.table(rows)
}

/** Prints the run as tables, each figure beside its target. */
export function printReport(report: Report): void {
  console.log(`\nBroker: ${report.broker}; ${report.cores} × ${report.cpu}; Node ${report.node}; ${rate(report.messages)} messages per run.\n`)
  table(report.throughput.map((row) => ({
    transport: row.transport,
    topics: row.topics,
    '(a) bare msg/s': rate(row.bare.messagesPerSecond),
    '(b) ours msg/s': rate(row.pipeline.messagesPerSecond),
    'b/a': row.ratio.toFixed(2),
    'b/a per round': roundRatios(row),
    'CPU µs/msg (a/b)': `${row.bare.cpuMicrosPerMessage.toFixed(2)}/${row.pipeline.cpuMicrosPerMessage.toFixed(2)}`,
    target: `≥ ${TARGETS.ratio}: ${mark(row.ratio >= TARGETS.ratio)}`,
    'lost (a/b)': `${row.messages - row.bare.received}/${row.messages - row.pipeline.received}`,
    deltas: row.pipeline.deltas,
    'max topics/delta': row.pipeline.maxTopicsPerDelta,
    'serialize ms': row.pipeline.serializeMs.toFixed(0)
  })))
  table(report.ingest.map((row) => ({
    '(c) ingest': `${rate(row.messages)} msgs over ${rate(row.topics)} topics ${orderLabel[row.order]}, ${topicStringsLabel[row.topicStrings]}`,
    'msg/s (median)': rate(row.messagesPerSecond),
    'msg per CPU-s': rate(row.messagesPerCpuSecond),
    'bare Map.set msg/s': rate(row.mapFloorMessagesPerSecond),
    target: targetsIngest(row) ? `≥ 3M: ${mark(row.messagesPerSecond >= TARGETS.ingest)}` : '',
    stored: mb(row.storedBytes)
  })))
  const memory = report.memory
  const ratio = memory.model.rssBytes / memory.baseline.rssBytes
  // Parts left out by --only have no figures: their tables are left out too.
  if (memory.baseline.rssBytes > 0) table([{
    '(d) memory': `${rate(memory.messages)} msgs, ${rate(memory.topics)} topics, ${memory.keep} kept`,
    'empty process RSS': mb(memory.empty.rssBytes),
    'baseline RSS': mb(memory.baseline.rssBytes),
    'model RSS': mb(memory.model.rssBytes),
    'model/baseline': ratio.toFixed(2),
    target: `≤ ${TARGETS.memory} and ≤ budget: ${mark(ratio <= TARGETS.memory && memory.model.rssBytes <= memory.budgetBytes)}`,
    'model counted': mb(memory.model.storedBytes)
  }])
  if (report.clear.topics > 0) table([{
    '(e) clear retained': `${rate(report.clear.topics)} topics`,
    cleared: report.clear.cleared,
    seconds: report.clear.seconds.toFixed(2),
    'gone from model': report.clear.goneFromModel,
    target: `≤ ${TARGETS.clearSeconds} s: ${mark(report.clear.goneFromModel && report.clear.seconds <= TARGETS.clearSeconds)}`
  }])
  table(report.deltaFormat.flatMap((result) => [
    { '(f) delta shape': `per-topic objects, ${result.topics} topics`, ...result.perTopic },
    { '(f) delta shape': `columns + shared buffer, ${result.topics} topics`, ...result.columns }
  ]))
  table(report.decode.map((row) => ({ '(g) decoder': row.decoder, 'payload bytes': row.payloadBytes, 'msg/s': rate(row.messagesPerSecond) })))
  table(report.search.map((row) => ({ '(h) search': searchLabel(row), 'first match ms': row.firstMatchMs, 'finish ms': row.finishMs, 'matching topics': row.matchingTopics, status: row.status })))
  table(seriesRows(report.series).map(([what, ms]) => ({ '(i) series query': what, ms: ms.toFixed(1), target: `≤ ${TARGETS.seriesMs} ms: ${mark(ms <= TARGETS.seriesMs)}` })))
  const replay = report.replay
  table(report.recordingCost.map((row) => ({ '(k) recording during the flood': `${row.transport}, ${rate(row.topics)} topics`, 'without msg/s': rate(row.pipeline), 'with msg/s': rate(row.recording), ratio: row.ratio.toFixed(2), 'written / delivered': `${rate(row.written)} / ${rate(row.delivered)}`, 'not written': row.notWritten, target: `≥ ${TARGETS.ratio} and 0 lost: ${mark(row.ratio >= TARGETS.ratio && row.written === row.delivered)}` })))
  const flood = report.retainedFlood
  if (flood) table([{ '(n) retained flood on subscribe': `${rate(flood.topics)} retained topics`, 'bare s': flood.bare.seconds.toFixed(2), 'ours s': flood.pipeline.seconds.toFixed(2), received: `${rate(flood.bare.received)} / ${rate(flood.pipeline.received)}`, 'time ratio': flood.timeRatio.toFixed(2), target: `≤ ${TARGETS.retainedTime}: ${mark(flood.timeRatio <= TARGETS.retainedTime && flood.pipeline.received === flood.topics)}` }])
  const scale = report.scaleMemory
  if (scale) table([{ '(m) memory, latest values only': `${rate(scale.topics)} topics`, 'empty RSS': mb(scale.empty.rssBytes), 'Map RSS': mb(scale.map.rssBytes), 'model RSS': mb(scale.model.rssBytes), 'model stored': mb(scale.model.storedBytes), 'payloads evicted': scale.model.evictedPayloads ?? 0, ratio: (scale.model.rssBytes / scale.map.rssBytes).toFixed(2), target: `≤ ${TARGETS.scaleMemory}, within budget, none evicted: ${mark(scale.model.rssBytes <= TARGETS.scaleMemory * scale.map.rssBytes && scale.model.storedBytes <= scale.budgetBytes && !scale.model.evictedPayloads)}` }])
  const open = report.openRecording
  if (open) table([{ '(l) opening a recording as a tab': `${rate(open.messages)} msgs, ${rate(open.topics)} topics`, 'every topic named ms': open.treeMs, 'every message in ms': open.loadedMs, target: `tree ≤ ${TARGETS.openTreeMs} ms: ${mark(open.treeMs <= TARGETS.openTreeMs)}` }])
  if (replay) table([{ '(j) replay, QoS 0, as fast as acknowledged': `${rate(replay.messages)} msgs`, seconds: replay.seconds.toFixed(1), 'msg/s': rate(replay.messagesPerSecond), refused: replay.refused, target: `≥ ${rate(TARGETS.replay)}: ${mark(replay.messagesPerSecond >= TARGETS.replay)}` }])
}

/** (i) as rows: what was read, in how many milliseconds; none when (i) did not run. */
function seriesRows(series: SeriesResult): Array<[string, number]> {
  if (series.points === 0) return []
  const points = `${series.points.toLocaleString('en-US')} points`
  return [
    [`${points}, number-text payloads`, series.numberMs],
    [`${points}, a field of JSON payloads`, series.jsonMs],
    [`${points}, a field of CBOR payloads (decoded)`, series.cborMs],
    [`${points}, a Sparkplug metric by name (alias-only DDATA)`, series.sparkplugMs],
    [`${points}, number text, through the handler and the WebSocket codec`, series.wireMs]
  ]
}

/** The run as the Markdown table kept in README.md's Performance section. */
export function markdownReport(report: Report): string {
  const k = (perSecond: number): string => `${Math.round(perSecond / 1000).toLocaleString('en-US')}k`
  const lines = [
    `Run ${report.at.slice(0, 16).replace('T', ' ')} UTC, ${report.broker}, Node ${report.node}, ${report.cores} cores, ${report.messages.toLocaleString('en-US')} messages per run.`,
    '',
    '| measure | figure | target |',
    '|---|---|---|'
  ]
  for (const row of report.throughput) {
    lines.push(`| (a) bare / (b) ours, ${row.transport}, ${row.topics.toLocaleString('en-US')} topics | ${k(row.bare.messagesPerSecond)} / ${k(row.pipeline.messagesPerSecond)} msg/s = **${row.ratio.toFixed(2)}** (rounds ${roundRatios(row)}; CPU ${row.bare.cpuMicrosPerMessage.toFixed(2)} / ${row.pipeline.cpuMicrosPerMessage.toFixed(2)} µs per message) | ≥ ${TARGETS.ratio} |`)
  }
  for (const row of report.ingest) {
    lines.push(`| (c) ingest, ${row.topics.toLocaleString('en-US')} topics ${orderLabel[row.order]}, ${topicStringsLabel[row.topicStrings]} | **${k(row.messagesPerSecond)} msg/s** (${k(row.messagesPerCpuSecond)} per CPU-second; bare Map.set ${k(row.mapFloorMessagesPerSecond)}) | ${targetsIngest(row) ? '≥ 3,000k' : '—'} |`)
  }
  const memory = report.memory
  if (memory.baseline.rssBytes > 0) lines.push(`| (d) RSS after GC, ${memory.topics.toLocaleString('en-US')} topics × ${memory.keep} kept | model ${mb(memory.model.rssBytes)} / plain arrays ${mb(memory.baseline.rssBytes)} = **${(memory.model.rssBytes / memory.baseline.rssBytes).toFixed(2)}** (empty process ${mb(memory.empty.rssBytes)}; budget ${mb(memory.budgetBytes)}) | ≤ ${TARGETS.memory} |`)
  if (report.clear.topics > 0) lines.push(`| (e) clear ${report.clear.topics.toLocaleString('en-US')} retained topics, acked and gone from the model | **${report.clear.seconds.toFixed(2)} s** | ≤ ${TARGETS.clearSeconds} s |`)
  for (const result of report.deltaFormat) {
    const { perTopic, columns } = result
    lines.push(`| (f) delta of ${result.topics.toLocaleString('en-US')} topics, ns per topic: v8 serialize + deserialize, MessagePack encode + decode | per-topic objects ${perTopic.v8SerializeNs} + ${perTopic.v8DeserializeNs}, ${perTopic.msgpackEncodeNs} + ${perTopic.msgpackDecodeNs}; **columns ${columns.v8SerializeNs} + ${columns.v8DeserializeNs}, ${columns.msgpackEncodeNs} + ${columns.msgpackDecodeNs}** | — |`)
  }
  for (const row of report.decode) {
    lines.push(`| (g) decode ${row.decoder}, ${report.messages.toLocaleString('en-US')} payloads of ~${row.payloadBytes} bytes | **${k(row.messagesPerSecond)} msg/s** | — |`)
  }
  for (const row of report.search) {
    lines.push(`| (h) search over ${row.messages.toLocaleString('en-US')} stored messages (${row.topics.toLocaleString('en-US')} topics), ${searchLabel(row)}: time to first match, time to finish | **${row.firstMatchMs} ms, ${row.finishMs} ms** (${row.matchingTopics.toLocaleString('en-US')} matching topics, ${row.status}) | — |`)
  }
  for (const [what, ms] of seriesRows(report.series)) lines.push(`| (i) series query, ${what} | **${ms.toFixed(1)} ms** | ≤ ${TARGETS.seriesMs} ms |`)
  for (const row of report.recordingCost) {
    lines.push(`| (k) recording the connection during (b)'s flood, ${row.transport}, ${row.topics.toLocaleString('en-US')} topics: throughput with ÷ without (median of the rounds); messages written of those delivered | **${row.ratio.toFixed(2)}** (${k(row.recording)} vs ${k(row.pipeline)} msg/s); **${row.written.toLocaleString('en-US')} of ${row.delivered.toLocaleString('en-US')}**, ${row.notWritten} not written, file ${mb(row.sizeBytes)} | ≥ 0.90; 0 lost |`)
  }
  const flood = report.retainedFlood
  if (flood) lines.push(`| (n) subscribing to ${flood.topics.toLocaleString('en-US')} retained topics: time until the last is in the model ÷ a bare mqtt.js subscriber's (median of ${flood.rounds.length}) | **${flood.timeRatio.toFixed(2)}** (${flood.pipeline.seconds.toFixed(2)} s vs ${flood.bare.seconds.toFixed(2)} s; ${flood.pipeline.received.toLocaleString('en-US')} received) | ≤ 1.2 |`)
  const scale = report.scaleMemory
  if (scale) lines.push(`| (m) RSS after GC, ${scale.topics.toLocaleString('en-US')} topics, latest value only (~60-byte payloads) | model ${mb(scale.model.rssBytes)} / Map of payload copies ${mb(scale.map.rssBytes)} = **${(scale.model.rssBytes / scale.map.rssBytes).toFixed(2)}** (stored ${mb(scale.model.storedBytes)} of the ${mb(scale.budgetBytes)} budget, ${(scale.model.evictedPayloads ?? 0).toLocaleString('en-US')} payloads evicted; empty process ${mb(scale.empty.rssBytes)}) | ≤ 1.5 |`)
  const open = report.openRecording
  if (open) lines.push(`| (l) opening a ${open.messages.toLocaleString('en-US')}-message recording (${open.topics.toLocaleString('en-US')} topics, ${open.fileMegabytes} MB) as a tab: to the page's stream naming every topic; to every message in the model (median of ${open.tries.length}) | **${open.treeMs.toLocaleString('en-US')} ms**; ${open.loadedMs.toLocaleString('en-US')} ms | tree ≤ 2 s |`)
  if (report.replay) lines.push(`| (j) replay of a ${report.replay.messages.toLocaleString('en-US')}-message recording to the broker, QoS 0, as fast as acknowledged | **${k(report.replay.messagesPerSecond)} msg/s** (${report.replay.refused} refused) | ≥ 100k |`)
  return lines.join('\n')
}
