// `npm run bench [-- --quick] [--no-ui] [--only a,c,h] [--messages N] [--rounds N] [--topics 10000,100000] [--transports tcp0,tcp1,ws0]`: floods a broker from a separate
// process and measures (a) a bare mqtt.js subscriber, (b) our engine + model + coalescer + delta
// serialization, (c) model ingest alone, (d) memory, (e) clearing retained values, (f) delta shapes,
// (g) payload decoders, (h) search over stored messages, (i) the series query of charts, (j) replay of a recording, (k) the cost of recording during (b)'s flood, (l) opening a recording as a tab, (m) memory at 1,000,000 topics, (n) a flood of 1,000,000 retained topics on subscribe. `--only` runs the given parts (letters; a and b run together).
// Prints a table and writes bench-results/latest.json (only-<parts>.json with --only); then runs the UI bench (bench/ui.ts) unless --no-ui.
import { spawn } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, numberArg } from './lib/args'
import { startBenchBroker, type BenchBroker } from './lib/benchBroker'
import { finishChild, nextMessage, runChild, startChild } from './lib/child'
import { measureDeltaFormats, type DeltaFormatResult } from './lib/deltaFormat'
import { medianRun } from './lib/medianRun'
import { markdownReport, printReport, roundRatios, type RecordingCostRow, type Report, type ThroughputRow } from './report'
import type { ClearResult } from './clear'
import type { DecodeConfig, DecodeResult } from './decode'
import type { IngestConfig, IngestResult } from './ingest'
import type { MemoryResult } from './memory'
import type { ScaleMemory } from './report'
import type { PublisherConfig } from './publisher'
import type { SearchBenchResult, SearchConfig } from './search'
import type { OpenRecordingConfig, OpenRecordingResult } from './openRecording'
import type { ReplayBenchConfig, ReplayBenchResult } from './replay'
import { retainedFlood, type RetainedFloodRow } from './retainedFlood'
import type { SeriesConfig, SeriesResult } from './series'
import type { SubscriberConfig, SubscriberResult } from './subscriber'

const allTransports = [
  { id: 'tcp0', name: 'tcp QoS 0', transport: 'tcp', qos: 0 },
  { id: 'tcp1', name: 'tcp QoS 1', transport: 'tcp', qos: 1 },
  { id: 'ws0', name: 'ws QoS 0', transport: 'ws', qos: 0 }
] as const
type Transport = (typeof allTransports)[number]
/** (c) variants: as the engine hands topics over, in the flood's order and in random order; then pre-interned. */
const ingestVariants = [
  ['fresh', 'cycle'],
  ['fresh', 'random'],
  ['interned', 'cycle']
] as const satisfies ReadonlyArray<readonly [IngestConfig['topicStrings'], IngestConfig['order']]>

/** (h) variants: text and regex through every kept message, then text in the decoded form too. */
const searchVariants = [
  ['payload', false],
  ['payloadRegex', false],
  ['payload', true]
] as const satisfies ReadonlyArray<readonly [SearchConfig['kind'], boolean]>

let runCounter = 0

/** One flood into one measured subscriber process. */
async function flood(broker: BenchBroker, mode: SubscriberConfig['mode'], transport: Transport, messages: number, topics: number): Promise<SubscriberResult> {
  const prefix = `bench/${process.pid}/r${++runCounter}`
  const subscriberConfig: SubscriberConfig = {
    mode,
    transport: transport.transport,
    port: transport.transport === 'ws' ? broker.wsPort : broker.tcpPort,
    wsPath: broker.wsPath,
    filter: `${prefix}/#`,
    qos: transport.qos,
    messages,
    idleMs: 3_000
  }
  const subscriber = startChild('subscriber', subscriberConfig)
  try {
    await nextMessage(subscriber, 'ready', 30_000)
    const result = nextMessage<{ type: 'result'; result: SubscriberResult }>(subscriber, 'result', 60_000 + messages / 5)
    const publisherConfig: PublisherConfig = { port: broker.tcpPort, prefix, messages, topics, qos: transport.qos, retain: false }
    await runChild('publisher', publisherConfig, 60_000 + messages / 5)
    return (await result).result
  } finally {
    await finishChild(subscriber)
  }
}

/** `rounds` floods into each of two subscriber modes, taking turns, so a slow moment of the shared machine does not decide a ratio. */
async function alternate(broker: BenchBroker, modes: readonly [SubscriberConfig['mode'], SubscriberConfig['mode']], transport: Transport, messages: number, topics: number, rounds: number): Promise<[SubscriberResult[], SubscriberResult[]]> {
  const first: SubscriberResult[] = []
  const second: SubscriberResult[] = []
  for (let round = 0; round < rounds; round++) {
    first.push(await flood(broker, modes[0], transport, messages, topics))
    second.push(await flood(broker, modes[1], transport, messages, topics))
  }
  return [first, second]
}

/** (a) and (b) for every transport and topic count, `rounds` times with bare and ours taking turns; each side's median is reported. */
async function throughput(broker: BenchBroker, transports: readonly Transport[], messages: number, topicCounts: number[], rounds: number): Promise<ThroughputRow[]> {
  const rows: ThroughputRow[] = []
  for (const topics of topicCounts) {
    for (const transport of transports) {
      const [bare, pipeline] = await alternate(broker, ['bare', 'pipeline'], transport, messages, topics, rounds)
      const bareMedian = medianRun(bare)
      const pipelineMedian = medianRun(pipeline)
      const row: ThroughputRow = {
        transport: transport.name,
        topics,
        messages,
        bare: bareMedian,
        pipeline: pipelineMedian,
        ratio: pipelineMedian.messagesPerSecond / bareMedian.messagesPerSecond,
        rounds: bare.map((run, round) => ({ bare: run.messagesPerSecond, pipeline: (pipeline[round] as SubscriberResult).messagesPerSecond }))
      }
      rows.push(row)
      console.log(`  ${transport.name}, ${topics} topics: bare ${bareMedian.messagesPerSecond} msg/s, pipeline ${pipelineMedian.messagesPerSecond} msg/s (${row.ratio.toFixed(2)}; rounds ${roundRatios(row)})`)
    }
  }
  return rows
}

/** (k) the cost of recording: (b)'s flood into our pipeline, without and with the connection recorded to a file. */
async function recordingCost(broker: BenchBroker, transports: readonly Transport[], messages: number, topics: number, rounds: number): Promise<RecordingCostRow[]> {
  const rows: RecordingCostRow[] = []
  for (const transport of transports) {
    const [plain, recorded] = await alternate(broker, ['pipeline', 'recording'], transport, messages, topics, rounds)
    const plainMedian = medianRun(plain)
    const recordedMedian = medianRun(recorded)
    const counts = recorded.map((run) => run.recorded ?? { received: 0, written: 0, notWritten: 0, sizeBytes: 0 })
    const row: RecordingCostRow = {
      transport: transport.name,
      topics,
      messages,
      pipeline: plainMedian.messagesPerSecond,
      recording: recordedMedian.messagesPerSecond,
      ratio: recordedMedian.messagesPerSecond / plainMedian.messagesPerSecond,
      received: counts.reduce((sum, c) => sum + c.received, 0),
      written: counts.reduce((sum, c) => sum + c.written, 0),
      notWritten: counts.reduce((sum, c) => sum + c.notWritten, 0),
      delivered: recorded.reduce((sum, run) => sum + run.received, 0),
      sizeBytes: Math.max(...counts.map((c) => c.sizeBytes))
    }
    rows.push(row)
    console.log(`  ${transport.name}: pipeline ${row.pipeline} msg/s, recording ${row.recording} msg/s (${row.ratio.toFixed(2)}); written ${row.written} of ${row.delivered} delivered, ${row.notWritten} not written`)
  }
  return rows
}

/** (m): topics, each with one message, for memory at the next scale (issue 17). */
const SCALE_TOPICS = 1_000_000

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const quick = args.has('quick')
  const messages = numberArg(args, 'messages', quick ? 200_000 : 1_000_000)
  const topicCounts = (args.get('topics') ?? '10000,100000').split(',').map((t) => numberArg(new Map([['topics', t]]), 'topics', 10_000))
  const memoryTopics = Math.max(...topicCounts)
  const wanted = args.get('transports')?.split(',')
  const transports = allTransports.filter((t) => !wanted || wanted.includes(t.id))
  const rounds = numberArg(args, 'rounds', quick ? 1 : 3)
  const budgetBytes = 512 * 1024 * 1024
  const only = args.get('only')?.split(',')
  const runs = (part: string): boolean => !only || only.includes(part)
  console.log(`Bench: ${messages} messages of ~60-byte JSON over ${topicCounts.join(' and ')} topics; ${cpus().length} cores, Node ${process.version}.`)

  const broker = await startBenchBroker()
  const report: Report = {
    at: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    broker: broker.kind,
    messages,
    throughput: [],
    ingest: [],
    memory: { topics: memoryTopics, messages, keep: 10, budgetBytes, model: { rssBytes: 0, storedBytes: 0 }, baseline: { rssBytes: 0, storedBytes: 0 }, empty: { rssBytes: 0, storedBytes: 0 } },
    scaleMemory: null as ScaleMemory | null,
    retainedFlood: null as RetainedFloodRow | null,
    clear: { topics: 0, cleared: 0, seconds: 0, goneFromModel: false },
    deltaFormat: [] as DeltaFormatResult[],
    decode: [] as DecodeResult[],
    search: [] as SearchBenchResult[],
    series: { points: 0, numberMs: 0, jsonMs: 0, cborMs: 0, sparkplugMs: 0, wireMs: 0 } as SeriesResult,
    replay: null as ReplayBenchResult | null,
    recordingCost: [] as RecordingCostRow[],
    openRecording: null as OpenRecordingResult | null
  }
  try {
    if (runs('a') || runs('b')) {
      console.log('(a)/(b) throughput …')
      report.throughput = await throughput(broker, transports, messages, topicCounts, rounds)
    }
    if (runs('c')) console.log('(c) model ingest …')
    for (const topics of runs('c') ? topicCounts : []) {
      for (const [topicStrings, order] of ingestVariants) {
        const model = await runChild<IngestResult>('ingest', { kind: 'model', topicStrings, order, messages, topics } satisfies IngestConfig, 300_000)
        const floor = await runChild<IngestResult>('ingest', { kind: 'map', topicStrings, order, messages, topics } satisfies IngestConfig, 300_000)
        report.ingest.push({ ...model, messages, mapFloorMessagesPerSecond: floor.messagesPerSecond })
      }
    }
    if (runs('d')) console.log('(d) memory …')
    for (const mode of runs('d') ? (['empty', 'baseline', 'model'] as const) : []) {
      report.memory[mode] = await runChild<MemoryResult>('memory', { mode, messages, topics: memoryTopics, keep: 10, budgetBytes }, 300_000)
    }
    if (runs('m')) {
      console.log('(m) memory at 1,000,000 topics …')
      const config = { messages: SCALE_TOPICS, topics: SCALE_TOPICS, keep: 1, budgetBytes }
      const [empty, map, model] = [await runChild<MemoryResult>('memory', { mode: 'empty', ...config }, 300_000), await runChild<MemoryResult>('memory', { mode: 'map', ...config }, 300_000), await runChild<MemoryResult>('memory', { mode: 'model', ...config }, 300_000)]
      report.scaleMemory = { topics: SCALE_TOPICS, budgetBytes, empty, map, model }
    }
    if (runs('n')) {
      console.log('(n) the retained flood …')
      report.retainedFlood = await retainedFlood(broker, SCALE_TOPICS, rounds)
    }
    if (runs('e')) {
      console.log('(e) clear retained …')
      report.clear = await runChild<ClearResult>('clear', { port: broker.tcpPort, topics: 10_000 }, 120_000)
    }
    if (runs('f')) {
      console.log('(f) delta shapes …')
      report.deltaFormat = [measureDeltaFormats(5_000, quick ? 20 : 100)]
    }
    if (runs('g')) console.log('(g) decoders …')
    for (const decoder of runs('g') ? (['json', 'cbor', 'msgpack', 'protobuf', 'sparkplug'] as const) : []) {
      report.decode.push(await runChild<DecodeResult>('decode', { decoder, messages } satisfies DecodeConfig, 300_000))
    }
    if (runs('h')) console.log('(h) search …')
    for (const [kind, decoded] of runs('h') ? searchVariants : []) {
      report.search.push(await runChild<SearchBenchResult>('search', { kind, decoded, messages, topics: 10_000 } satisfies SearchConfig, 300_000))
    }
    if (runs('i')) {
      console.log('(i) series query …')
      report.series = await runChild<SeriesResult>('series', { points: 100_000 } satisfies SeriesConfig, 120_000)
    }
    if (runs('j')) {
      console.log('(j) replay …')
      report.replay = await runChild<ReplayBenchResult>('replay', { port: broker.tcpPort, messages } satisfies ReplayBenchConfig, 600_000)
    }
    if (runs('l')) {
      console.log('(l) opening a recording …')
      report.openRecording = await runChild<OpenRecordingResult>('openRecording', { messages, topics: 10_000 } satisfies OpenRecordingConfig, 600_000)
    }
    if (runs('k')) {
      console.log('(k) recording cost …')
      report.recordingCost = await recordingCost(broker, transports.filter((t) => t.transport === 'tcp'), messages, Math.min(...topicCounts), rounds)
    }
  } finally {
    await broker.stop()
  }
  printReport(report)
  await mkdir('bench-results', { recursive: true })
  // A run of some parts only does not replace the full run's results.
  const name = only ? `only-${only.join('')}` : 'latest'
  await writeFile(`bench-results/${name}.json`, `${JSON.stringify(report, null, 2)}\n`)
  await writeFile(`bench-results/${name}.md`, `${markdownReport(report)}\n`)
  console.log(`Wrote bench-results/${name}.json and ${name}.md${only ? '' : ' (the table README.md keeps)'}.`)
  if (!args.has('no-ui')) await runUiBench(quick)
}

/** The UI bench runs last, alone, in its own process: Chromium must not share the cores with the flood. */
async function runUiBench(quick: boolean): Promise<void> {
  console.log('\nUI under load (bench:ui) …')
  const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'ui.js'), ...(quick ? ['--quick'] : [])], { stdio: 'inherit' })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`The UI bench failed (exit code ${code}); run npm run bench:ui to see it alone.`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
