// `npm run bench:ui [-- --seconds 30 --rate 10000 --topics 100000] [--quick] [--no-charts] [--charts-only] [--recording-only]`: the real renderer in headless Chromium,
// served by the headless server, while a publisher sustains `rate` msg/s over `topics` topics. Measures frame
// intervals (requestAnimationFrame) with the tree open and scrolling, then standing still, and the delay from
// publishing a marker value to it being on screen. Prints the figures and writes bench-results/ui.json; then the
// chart scenarios (bench/uiCharts.ts) unless --no-charts; --charts-only runs only those; then opening a recording
// (bench/uiRecording.ts), alone with --recording-only.
import type { ChildProcess } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { setTimeout as delay } from 'node:timers/promises'
import { openBrowser } from '../tests/e2e/support/browser'
import { openApp } from '../tests/e2e/support/app'
import { startServer } from '../tests/e2e/support/server'
import { connectionTab, createProfile, expandRow, treeRow, waitForConnectionState } from '../tests/e2e/support/ui'
import { numberArg, parseArgs } from './lib/args'
import { startBenchBroker } from './lib/benchBroker'
import { finishChild, nextMessage, startChild } from './lib/child'
import { installProbe, readProbe, setProbePhase } from './lib/pageProbe'
import { startPageProfile } from './lib/pageProfile'
import { percentiles, type Percentiles } from './lib/percentiles'
import { runChartBench } from './uiCharts'
import { runRecordingBench } from './uiRecording'
import type { UiPublisherConfig, UiPublisherResult } from './uiPublisher'

// Sorts before "bench" at the root of the tree, so its row stays in view above the expanded branch.
const MARKER = 'a-marker'
const FRAME_TARGET_MS = 16.7
const VISIBLE_TARGET_MS = 100
const FIRST_ROWS_TARGET_MS = 500

/** Everything bench:ui measured. */
export interface UiReport {
  at: string
  cores: number
  chromium: string
  broker: string
  load: { rate: number; topics: number; seconds: number; achieved: UiPublisherResult }
  scrollFrames: Percentiles & { droppedPercent: number }
  stillFrames: Percentiles & { droppedPercent: number }
  allFrames: Percentiles & { droppedPercent: number }
  /** How far down the tree scrolled (px), read back from the page. */
  maxScrollTop: number
  publishToVisible: Percentiles & { markersSent: number }
  /** A new page opened onto the full model under load: from navigation to its first tree rows, tab click included. */
  openingFirstRowsMs: number
}

// rAF timestamps of on-time frames land within a few tenths of a millisecond of the 16.67 ms period.
const FRAME_JITTER_MS = 0.5

function line(name: string, p: Percentiles, target: number, tolerance = 0): string {
  const verdict = p.p95 <= target + tolerance ? 'meets' : 'misses'
  const allowance = tolerance > 0 ? ` + ${tolerance} ms timestamp jitter` : ''
  return `  ${name.padEnd(26)} p50 ${p.p50} ms, p95 ${p.p95} ms, p99 ${p.p99} ms, max ${p.max} ms (n=${p.count}; ${verdict} p95 ≤ ${target} ms${allowance})`
}

/** Share of frame intervals longer than one and a half 60 Hz frames, i.e. at least one frame dropped. */
function droppedShare(frames: readonly number[]): number {
  if (frames.length === 0) return 0
  return Math.round((frames.filter((dt) => dt > 1.5 * (1000 / 60)).length / frames.length) * 1000) / 10
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  if (args.has('recording-only')) {
    await runRecordingBench()
    return
  }
  if (args.has('charts-only')) {
    await runChartBench(args.has('quick'))
    return
  }
  const seconds = numberArg(args, 'seconds', args.has('quick') ? 10 : 30)
  const rate = numberArg(args, 'rate', 10_000)
  const topics = numberArg(args, 'topics', 100_000)
  console.log(`UI bench: ${rate} msg/s over ${topics} topics for ${seconds} s, headless Chromium on ${cpus().length} cores.`)

  const broker = await startBenchBroker()
  const server = await startServer()
  const browser = await openBrowser()
  let publisher: ChildProcess | undefined
  try {
    const { page } = browser
    await openApp(page, server)
    await createProfile(page, { name: 'UI bench', host: '127.0.0.1', port: broker.tcpPort }, { connect: true })
    await waitForConnectionState(page, 'UI bench', 'Connected')

    const config: UiPublisherConfig = { port: broker.tcpPort, prefix: 'bench', topics, rate, markerTopic: MARKER, markerEveryMs: 250 }
    publisher = startChild('uiPublisher', config)
    await nextMessage(publisher, 'ready', 30_000)
    const achieved = nextMessage<{ type: 'result'; result: UiPublisherResult }>(publisher, 'result', (seconds + 300) * 1000)
    // The busy part of the tree: bench → site0 holds a tenth of the topics, all changing.
    await expandRow(page, 'bench')
    await expandRow(page, 'bench/site0')
    await page.evaluate(installProbe, MARKER)
    const profiler = await startPageProfile(browser.context, page)

    await page.evaluate(setProbePhase, 'scroll' as const)
    await delay((seconds * 1000) / 2)
    await page.evaluate(setProbePhase, 'still' as const)
    await delay((seconds * 1000) / 2)
    await page.evaluate(setProbePhase, 'idle' as const)
    const probe = await page.evaluate(readProbe)
    await profiler?.stop()
    // Opening onto a full model, the load still on: a second page gets its own stream, starting with every topic.
    const opening = await browser.context.newPage()
    const openingAt = performance.now()
    await openApp(opening, server)
    await connectionTab(opening, 'UI bench').click()
    await treeRow(opening, 'bench').waitFor()
    const openingFirstRowsMs = Math.round(performance.now() - openingAt)
    await opening.close()
    publisher.send({ type: 'stop' })
    const load = (await achieved).result
    if (!probe) throw new Error('The page probe was not installed.')
    const allFrames = [...probe.scrollFrames, ...probe.stillFrames]

    const report: UiReport = {
      at: new Date().toISOString(),
      cores: cpus().length,
      chromium: browser.context.browser()?.version() ?? 'unknown',
      broker: broker.kind,
      load: { rate, topics, seconds, achieved: load },
      scrollFrames: { ...percentiles(probe.scrollFrames), droppedPercent: droppedShare(probe.scrollFrames) },
      stillFrames: { ...percentiles(probe.stillFrames), droppedPercent: droppedShare(probe.stillFrames) },
      allFrames: { ...percentiles(allFrames), droppedPercent: droppedShare(allFrames) },
      maxScrollTop: probe.maxScrollTop,
      publishToVisible: { ...percentiles(probe.markerDelays), markersSent: load.markers },
      openingFirstRowsMs
    }
    console.log(`Publisher: ${load.messages} messages in ${load.seconds.toFixed(1)} s (${load.messagesPerSecond} msg/s), ${load.markers} markers.`)
    console.log(`Frame intervals (requestAnimationFrame); the tree scrolled down to ${probe.maxScrollTop} px:`)
    for (const [name, frames] of [['tree scrolling', report.scrollFrames], ['tree still', report.stillFrames], ['whole run', report.allFrames]] as const) {
      console.log(`${line(name, frames, FRAME_TARGET_MS, FRAME_JITTER_MS)}, ${frames.droppedPercent}% of frames late`)
    }
    console.log('Publish to visible in the tree (marker topic, tree still):')
    console.log(line(`markers seen ${report.publishToVisible.count}`, report.publishToVisible, VISIBLE_TARGET_MS))
    const opened = openingFirstRowsMs <= FIRST_ROWS_TARGET_MS ? 'meets' : 'misses'
    console.log(`A new page onto ${topics} topics: first tree rows after ${openingFirstRowsMs} ms (${opened} ≤ ${FIRST_ROWS_TARGET_MS} ms)`)
    await mkdir('bench-results', { recursive: true })
    await writeFile('bench-results/ui.json', `${JSON.stringify(report, null, 2)}\n`)
    console.log('Wrote bench-results/ui.json')
  } catch (error) {
    console.error(`Server output:\n${server.output()}\nPage errors:\n${browser.errors.join('\n') || '(none)'}`)
    throw error
  } finally {
    if (publisher) await finishChild(publisher)
    await browser.close()
    await server.stop()
    await broker.stop()
  }
  if (!args.has('no-charts')) await runChartBench(args.has('quick'))
  await runRecordingBench()
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
