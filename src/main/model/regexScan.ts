import { Worker } from 'node:worker_threads'
import { UserFacingError } from '../../shared/contract'

/** How a regex scan ended: every text tested, enough matches, out of time, or cancelled. */
export type RegexScanStatus = 'complete' | 'limit' | 'timeout' | 'cancelled'

/** Indexes of the matching texts (in the order given) and how many texts were tested. */
export interface RegexScanResult {
  matches: number[]
  scanned: number
  status: RegexScanStatus
}

/** One regex scan as the search runner asks for it. */
export interface RegexScanRequest {
  source: string
  flags: string
  /** Topic names or payload texts. */
  texts: readonly string[]
  /** How the stuck sentence names text `index`, e.g. `the topic "a/b"`. */
  subject: (index: number) => string
  limit: number
  /** performance.now() value at which the scan is stopped. */
  deadline: number
}

/** A scan the caller may stop early (the search was cancelled). */
export interface RegexScan {
  result: Promise<RegexScanResult>
  cancel(): void
}

/** Progress posts from the worker come this often, so a scan that moves on is told from one that is stuck. */
const PROGRESS_MS = 8
/** No text finished for this long at the deadline: the pattern is stuck on one text (catastrophic backtracking). */
const STUCK_MS = 50

// Plain JavaScript run with `eval`, so the same code works from the sources (tests), the Electron bundle and the
// headless server bundle without a separate worker entry. It only ever sees texts and the pattern.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads')
parentPort.on('message', ({ source, flags, texts, limit }) => {
  const pattern = new RegExp(source, flags)
  parentPort.postMessage({ done: false, matches: [], scanned: 0 })
  let matches = []
  let found = 0
  let postedAt = performance.now()
  for (let i = 0; i < texts.length; i++) {
    if (pattern.test(texts[i])) {
      matches.push(i)
      if (++found >= limit) return parentPort.postMessage({ done: true, matches, scanned: i + 1, limitReached: true })
    }
    if (performance.now() - postedAt >= ${PROGRESS_MS}) {
      parentPort.postMessage({ done: false, matches, scanned: i + 1 })
      matches = []
      postedAt = performance.now()
    }
  }
  parentPort.postMessage({ done: true, matches, scanned: texts.length, limitReached: false })
})
`

interface WorkerReply {
  done: boolean
  matches: number[]
  scanned: number
  limitReached?: boolean
}

/**
 * Runs users' regular expressions over topic names and payload texts in a worker thread, so a pattern that backtracks for hours
 * blocks that thread only: at the deadline (or on cancel) the worker is terminated, whatever it is doing, and the
 * event loop that carries MQTT traffic and every client's requests never waits for it. JavaScript's own RegExp
 * runs there, so patterns and flags mean exactly what they mean in JavaScript. One idle worker is kept for the next
 * scan; a terminated one is replaced on demand.
 */
export class RegexScanner {
  private idle: Worker | undefined

  /** Starts a scan; its result rejects with a sentence when the pattern got stuck on one text. */
  scan(request: RegexScanRequest): RegexScan {
    const worker = this.idle ?? this.spawn()
    this.idle = undefined
    let stop: (status: 'timeout' | 'cancelled') => void = () => undefined
    const result = new Promise<RegexScanResult>((resolve, reject) => {
      const matches: number[] = []
      let scanned = 0
      // Set when the worker starts scanning: a worker still starting on a busy machine is not a stuck pattern.
      let progressAt: number | undefined
      const finish = (outcome: RegexScanResult | UserFacingError, keepWorker: boolean): void => {
        clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('error', onError)
        if (keepWorker && !this.idle) this.idle = worker
        else void worker.terminate()
        if (outcome instanceof UserFacingError) reject(outcome)
        else resolve(outcome)
      }
      const onMessage = (reply: WorkerReply): void => {
        for (const index of reply.matches) matches.push(index)
        scanned = reply.scanned
        progressAt = performance.now()
        if (reply.done) finish({ matches, scanned, status: reply.limitReached ? 'limit' : 'complete' }, true)
      }
      const onError = (error: Error): void =>
        finish(new UserFacingError('internal', `The regular expression search stopped unexpectedly (${error.message}); try again.`), false)
      stop = (status) => {
        const stuckFor = progressAt === undefined ? 0 : performance.now() - progressAt
        if (status === 'timeout' && stuckFor >= STUCK_MS && scanned < request.texts.length) {
          return finish(stuckError(request.subject(scanned), stuckFor), false)
        }
        finish({ matches, scanned, status }, false)
      }
      const timer = setTimeout(() => stop('timeout'), Math.max(0, request.deadline - performance.now()))
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.postMessage({ source: request.source, flags: request.flags, texts: request.texts, limit: request.limit })
    })
    return { result, cancel: () => stop('cancelled') }
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true })
    // An idle worker must not keep the process (or a test run) alive, and one that dies idle is just forgotten.
    worker.unref()
    const forget = (): void => {
      if (this.idle === worker) this.idle = undefined
    }
    worker.on('error', forget)
    worker.on('exit', forget)
    return worker
  }
}

/** How a stuck sentence names a topic: quoted, long names cut. */
export function quotedTopic(topic: string): string {
  return `"${topic.length > 80 ? `${topic.slice(0, 80)}…` : topic}"`
}

function stuckError(subject: string, elapsedMs: number): UserFacingError {
  return new UserFacingError(
    'invalid-argument',
    `The regular expression took too long and was stopped: it ran for ${Math.round(elapsedMs)} ms on ${subject} without finishing. ` +
      'Nested repetition such as (a+)+ or (a|a)* makes it try exponentially many ways; simplify it (a+ instead of (a+)+), or search by text or MQTT filter.'
  )
}
