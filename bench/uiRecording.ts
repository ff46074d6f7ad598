// The third part of `npm run bench:ui`: opening a 1,000,000-message recording (the flood's JSON over 10,000
// topics, written into the server's recordings folder) from the Recordings list, in the real renderer in headless
// Chromium: from the click on Open to the tab's header counting every topic (the tree can show them all), and to
// every message loaded (target: the tree in ≤ 2 s). Writes bench-results/ui-recording.json.
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { openBrowser } from '../tests/e2e/support/browser'
import { openApp } from '../tests/e2e/support/app'
import { startServer } from '../tests/e2e/support/server'
import { writeBenchRecording } from './lib/benchRecording'

const MESSAGES = 1_000_000
const TOPICS = 10_000
const TREE_TARGET_MS = 2_000

export interface UiRecordingReport {
  at: string
  cores: number
  messages: number
  topics: number
  /** From the click on Open to the header counting every topic. */
  treeMs: number
  /** From the click on Open to the header counting every message. */
  loadedMs: number
}

export async function runRecordingBench(): Promise<UiRecordingReport> {
  console.log(`UI recording bench: opening a ${MESSAGES.toLocaleString('en-US')}-message recording over ${TOPICS.toLocaleString('en-US')} topics, headless Chromium on ${cpus().length} cores.`)
  const server = await startServer()
  const browser = await openBrowser()
  try {
    await mkdir(join(server.dataDir, 'recordings'), { recursive: true })
    writeBenchRecording(join(server.dataDir, 'recordings', 'bench.bsrec'), MESSAGES, TOPICS, 'bench')
    const { page } = browser
    await openApp(page, server)
    const open = page.getByRole('button', { name: 'Open recording bench bench' })
    await open.waitFor({ timeout: 30_000 })
    const shown = page.getByLabel('Messages and topics shown')
    const started = Date.now()
    await open.click()
    await shown.filter({ hasText: `${TOPICS.toLocaleString('en-US')} topics` }).waitFor({ timeout: 60_000 })
    const treeMs = Date.now() - started
    await shown.filter({ hasText: `${MESSAGES.toLocaleString('en-US')} of ${MESSAGES.toLocaleString('en-US')} messages` }).waitFor({ timeout: 120_000 })
    const loadedMs = Date.now() - started
    const report: UiRecordingReport = { at: new Date().toISOString(), cores: cpus().length, messages: MESSAGES, topics: TOPICS, treeMs, loadedMs }
    console.log(`Opening the recording: every topic counted after ${treeMs} ms (${treeMs <= TREE_TARGET_MS ? 'meets' : 'misses'} ≤ ${TREE_TARGET_MS} ms), every message after ${loadedMs} ms`)
    await mkdir('bench-results', { recursive: true })
    await writeFile('bench-results/ui-recording.json', `${JSON.stringify(report, null, 2)}\n`)
    return report
  } catch (error) {
    console.error(`Server output:\n${server.output()}\nPage errors:\n${browser.errors.join('\n') || '(none)'}`)
    throw error
  } finally {
    await browser.close()
    await server.stop()
  }
}
