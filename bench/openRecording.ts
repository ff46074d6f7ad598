// (l) Opening a recording as a tab: a recording of `messages` messages (the flood's JSON over `topics` topics) opened
// the way the Recordings list opens it: main reads it into the tab's model while the page's delta stream names its
// topics. Timed from the request to the stream having named every topic (the tree can show them all) and to
// the model holding every message (history, search and charts complete); median of 3. Runs as a child of
// run.ts, or alone: `node out/bench/openRecording.js`.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ModelService } from '../src/main/model'
import { RecordingBrowser } from '../src/main/recording/recordingBrowser'
import { RecordingFile } from '../src/main/recording/recordingFile'
import type { ModelDelta } from '../src/shared/contract'
import { testReceiver } from '../tests/support/deltaReceiver'
import { writeBenchRecording } from './lib/benchRecording'
import { childConfig, finishWith } from './lib/child'

export interface OpenRecordingConfig {
  messages: number
  topics: number
}

export interface OpenRecordingResult {
  messages: number
  topics: number
  fileMegabytes: number
  /** Median ms from the request to the page's stream naming every topic. */
  treeMs: number
  /** Median ms from the request to the reply: every message in the model. */
  loadedMs: number
  tries: Array<{ treeMs: number; loadedMs: number }>
}

const TRIES = 3

async function openOnce(path: string, topics: number, attempt: number): Promise<{ treeMs: number; loadedMs: number }> {
  const model = new ModelService({ emitClearProgress: () => undefined, publish: async () => undefined })
  const connectionId = `recording-bench-${attempt}`
  let named = 0
  let started = 0
  let treeMs = 0
  const receiver = testReceiver('page', (delta: ModelDelta) => {
    if (delta.connectionId !== connectionId) return
    if (delta.reset) named = 0
    named += delta.names.length
    if (named >= topics && treeMs === 0) treeMs = performance.now() - started
    // The page applies a delta and acks it at once, as a fast page does.
    model.ack('page', [{ connectionId, seq: delta.seq }])
  })
  model.openStream(receiver)
  const browser = new RecordingBrowser({ open: () => RecordingFile.open(path), model })
  try {
    started = performance.now()
    const reply = await browser.browse(connectionId, 'bench', null)
    const loadedMs = performance.now() - started
    if (reply.loaded !== reply.total) throw new Error(`Loaded ${reply.loaded} of ${reply.total} messages.`)
    const deadline = Date.now() + 10_000
    while (treeMs === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5))
    if (treeMs === 0) throw new Error(`The stream named ${named} of ${topics} topics.`)
    return { treeMs, loadedMs }
  } finally {
    browser.dispose()
    model.dispose()
  }
}

async function main(): Promise<void> {
  const config = childConfig<Partial<OpenRecordingConfig>>()
  const messages = config.messages ?? 1_000_000
  const topics = config.topics ?? 10_000
  const dir = mkdtempSync(join(tmpdir(), 'open-recording-bench-'))
  try {
    const path = join(dir, 'bench.bsrec')
    writeBenchRecording(path, messages, topics, 'open')
    const file = RecordingFile.open(path)
    const fileMegabytes = Math.round(file.sizeBytes() / 1048576)
    file.close()
    const tries: OpenRecordingResult['tries'] = []
    for (let attempt = 0; attempt < TRIES; attempt++) {
      globalThis.gc?.()
      tries.push(await openOnce(path, topics, attempt))
    }
    const median = (values: number[]): number => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number)
    const result: OpenRecordingResult = { messages, topics, fileMegabytes, treeMs: median(tries.map((t) => t.treeMs)), loadedMs: median(tries.map((t) => t.loadedMs)), tries: tries.map((t) => ({ treeMs: Math.round(t.treeMs), loadedMs: Math.round(t.loadedMs) })) }
    if (process.send) finishWith(result)
    else console.log(result)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()
