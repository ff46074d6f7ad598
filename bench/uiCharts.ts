// The second part of `npm run bench:ui`: charts in the real renderer in headless Chromium, served by the
// headless server with --history 100000. (1) 10 series × 100,000 points kept in main: time from clicking the
// Charts tab to the first frame that shows them (target 100 ms). (2) 10,000 msg/s over 10 topics with a chart of
// 4 of them open (every message a point): frame intervals (target p95 ≤ 16.7 ms). Writes bench-results/ui-charts.json.
import type { ChildProcess } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { setTimeout as delay } from 'node:timers/promises'
import type { ChartDefinition, ConnectionStatus, Profile, ReplyOf, Result } from '../src/shared/contract'
import { openApp } from '../tests/e2e/support/app'
import { openBrowser } from '../tests/e2e/support/browser'
import { startServer } from '../tests/e2e/support/server'
import { createProfile, waitForConnectionState } from '../tests/e2e/support/ui'
import { openWireClient, type WireClient } from '../tests/support/wireClient'
import { startBenchBroker } from './lib/benchBroker'
import { timeChartOpening } from './lib/chartProbe'
import { finishChild, nextMessage, startChild } from './lib/child'
import { benchTopic } from './lib/messages'
import { installProbe, readProbe, setProbePhase } from './lib/pageProbe'
import { percentiles, type Percentiles } from './lib/percentiles'
import type { UiPublisherConfig, UiPublisherResult } from './uiPublisher'

const TOPICS = 10
const POINTS = 100_000
const OPEN_TARGET_MS = 100
const FRAME_TARGET_MS = 16.7

export interface UiChartsReport {
  at: string
  cores: number
  chromium: string
  /** (1) Opening a chart of 10 × 100,000 points: each try's milliseconds and their median. */
  opening: { series: number; pointsPerSeries: number; triesMs: number[]; medianMs: number }
  /** (2) A chart of 4 live series at 10,000 msg/s over 10 topics. */
  live: { rate: number; seconds: number; achieved: UiPublisherResult; frames: Percentiles; pointsInView: number }
}

async function unwrap<T>(result: Promise<Result<unknown>>): Promise<T> {
  const settled = await result
  if (!settled.ok) throw new Error(settled.error.message)
  return settled.value as T
}

const chart = (id: string, count: number, window: ChartDefinition['window']): ChartDefinition => ({
  id,
  title: `Bench ${id}`,
  series: Array.from({ length: count }, (_, i) => ({ topic: benchTopic('bench', i, TOPICS), path: 'value', axis: 'left' as const })),
  window,
  style: 'lines'
})

/** Publishes `rate` msg/s over the 10 topics until `until` says stop; resolves with what was sent. */
async function publish(port: number, rate: number, until: () => Promise<void>): Promise<UiPublisherResult> {
  const config: UiPublisherConfig = { port, prefix: 'bench', topics: TOPICS, rate, markerTopic: 'a-marker', markerEveryMs: 1_000 }
  const publisher: ChildProcess = startChild('uiPublisher', config)
  try {
    await nextMessage(publisher, 'ready', 30_000)
    const result = nextMessage<{ type: 'result'; result: UiPublisherResult }>(publisher, 'result', 600_000)
    // Awaited below; a publisher that dies meanwhile must not end the process before the cleanup runs.
    result.catch(() => undefined)
    await until()
    publisher.send({ type: 'stop' })
    return (await result).result
  } finally {
    await finishChild(publisher)
  }
}

/** Runs the chart scenarios on a broker, server and browser of their own; `quick` shortens the live part. */
export async function runChartBench(quick: boolean): Promise<UiChartsReport> {
  const seconds = quick ? 8 : 20
  console.log(`UI chart bench: ${TOPICS} topics × ${POINTS.toLocaleString('en-US')} kept messages, then 10,000 msg/s for ${seconds} s, headless Chromium on ${cpus().length} cores.`)
  const broker = await startBenchBroker()
  const server = await startServer({ args: ['--history', String(POINTS)] })
  const browser = await openBrowser()
  let client: WireClient | undefined
  try {
    const { page } = browser
    await openApp(page, server)
    await createProfile(page, { name: 'Chart bench', host: '127.0.0.1', port: broker.tcpPort }, { connect: true })
    await waitForConnectionState(page, 'Chart bench', 'Connected')
    client = await openWireClient({ serverOrigin: server.origin, token: server.token })
    const wire = client
    const { connections } = await unwrap<{ connections: ConnectionStatus[] }>(wire.call('connection:list', {}))
    const connection = connections[0]
    if (!connection?.profileId) throw new Error('The bench connection is not listed with its profile.')
    const { connectionId, profileId } = connection
    const keptOfEach = async (): Promise<number> => {
      const reply = await unwrap<ReplyOf<'model:series'>>(wire.call('model:series', { connectionId, series: Array.from({ length: TOPICS }, (_, i) => ({ topic: benchTopic('bench', i, TOPICS), path: '' })), limit: POINTS }))
      return Math.min(...reply.series.map((s) => s.times.length))
    }

    console.log(`Filling main with ${(TOPICS * POINTS).toLocaleString('en-US')} messages …`)
    await publish(broker.tcpPort, 30_000, async () => {
      while ((await keptOfEach()) < POINTS) await delay(1_000)
    })
    await unwrap<{ profile: Profile }>(wire.call('profile:setCharts', { profileId, charts: [chart('open', TOPICS, 'all')] }))
    const triesMs: number[] = []
    for (let i = 0; i < 5; i++) {
      await page.getByRole('tab', { name: 'Topic', exact: true }).click()
      await delay(500)
      triesMs.push(Math.round(await page.evaluate(timeChartOpening, { tabName: 'Charts', minPixels: 50, timeoutMs: 30_000 })))
    }
    const medianMs = [...triesMs].sort((a, b) => a - b)[2] as number

    await unwrap<{ profile: Profile }>(wire.call('profile:setCharts', { profileId, charts: [chart('live', 4, '1m')] }))
    await page.evaluate(installProbe, 'a-marker')
    const achieved = await publish(broker.tcpPort, 10_000, async () => {
      await delay(2_000)
      await page.evaluate(setProbePhase, 'still' as const)
      await delay(seconds * 1_000)
      await page.evaluate(setProbePhase, 'idle' as const)
    })
    const probe = await page.evaluate(readProbe)
    if (!probe) throw new Error('The page probe was not installed.')
    const legend = await page.getByRole('table', { name: 'Legend of Bench live' }).getByRole('row').nth(1).locator('td').allInnerTexts()
    const pointsInView = Number((legend[4] ?? '0').replace(/,/g, ''))

    const report: UiChartsReport = {
      at: new Date().toISOString(),
      cores: cpus().length,
      chromium: browser.context.browser()?.version() ?? 'unknown',
      opening: { series: TOPICS, pointsPerSeries: POINTS, triesMs, medianMs },
      live: { rate: 10_000, seconds, achieved, frames: percentiles(probe.stillFrames), pointsInView }
    }
    const verdict = (ok: boolean): string => (ok ? 'meets' : 'misses')
    console.log(`Opening a chart of ${TOPICS} × ${POINTS.toLocaleString('en-US')} points, click to drawn: median ${medianMs} ms (tries ${triesMs.join(', ')} ms; ${verdict(medianMs <= OPEN_TARGET_MS)} ≤ ${OPEN_TARGET_MS} ms)`)
    const f = report.live.frames
    console.log(`4 live series at ${achieved.messagesPerSecond} msg/s: frames p50 ${f.p50} ms, p95 ${f.p95} ms, p99 ${f.p99} ms, max ${f.max} ms (n=${f.count}; ${verdict(f.p95 <= FRAME_TARGET_MS + 0.5)} p95 ≤ ${FRAME_TARGET_MS} ms); first series shows ${pointsInView.toLocaleString('en-US')} points of the last minute`)
    await mkdir('bench-results', { recursive: true })
    await writeFile('bench-results/ui-charts.json', `${JSON.stringify(report, null, 2)}\n`)
    console.log('Wrote bench-results/ui-charts.json')
    return report
  } catch (error) {
    console.error(`Server output:\n${server.output()}\nPage errors:\n${browser.errors.join('\n') || '(none)'}`)
    throw error
  } finally {
    await client?.close()
    await browser.close()
    await server.stop()
    await broker.stop()
  }
}
