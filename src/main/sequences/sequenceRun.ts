import type { Sequence, SequenceMode, SequenceStatus } from '../../shared/contract'
import type { Publish } from '../ports/publish'
import { StatusThrottle } from '../publishing/statusThrottle'
import { publishFailure, renderTemplate } from '../publishing/templatedMessage'

/** Unacknowledged messages at most: a sequence without delays waits for the broker instead of filling memory. */
const MAX_IN_FLIGHT = 1_000

export interface SequenceRunRequest {
  runId: string
  connectionId: string
  sequence: Sequence
  mode: SequenceMode
}

/**
 * One run of a sequence. Every message has its due time computed from the run's start (round start plus the
 * step delays before it), so late timers never push the later messages back; a single timer waits for the next.
 */
export class SequenceRun {
  private readonly status: SequenceStatus
  private readonly throttle: StatusThrottle<SequenceStatus>
  private readonly started = performance.now()
  /** Each step's due time within its round: its delay plus those of the steps before it. */
  private readonly offsets: number[]
  private readonly roundMs: number
  private readonly total: number
  private next = 0
  private inFlight = 0
  private timer: NodeJS.Timeout | undefined
  private resolveDone!: (status: SequenceStatus) => void
  readonly done = new Promise<SequenceStatus>((resolve) => (this.resolveDone = resolve))

  constructor(
    private readonly request: SequenceRunRequest,
    private readonly publish: Publish,
    report: (status: SequenceStatus) => void
  ) {
    const { sequence, mode } = request
    let elapsed = 0
    this.offsets = sequence.steps.map((step) => (elapsed += step.delayMs))
    // Rounds of once and times follow one another; rounds of every T start T apart (the contract keeps them from overlapping).
    this.roundMs = mode.kind === 'every' ? mode.everyMs : elapsed
    const rounds = mode.kind === 'once' ? 1 : mode.kind === 'times' ? mode.times : null
    this.total = rounds === null ? Number.POSITIVE_INFINITY : rounds * sequence.steps.length
    this.status = {
      runId: request.runId,
      connectionId: request.connectionId,
      sequenceId: sequence.id,
      sequenceName: sequence.name,
      state: 'running',
      step: 0,
      round: 0,
      rounds,
      sent: 0,
      acknowledged: 0,
      failed: 0,
      lastError: null
    }
    this.throttle = new StatusThrottle(() => this.current(), report)
    this.pump()
  }

  current(): SequenceStatus {
    return { ...this.status }
  }

  stop(state: 'stopped' | 'finished' | 'failed' = 'stopped', reason?: string): SequenceStatus {
    if (this.status.state === 'running') {
      clearTimeout(this.timer)
      this.status.state = state
      if (reason !== undefined) this.status.lastError = reason
      this.throttle.final()
      this.resolveDone(this.current())
    }
    return this.current()
  }

  /** Milliseconds after the start at which message `index` of the run is due. */
  private dueAt(index: number): number {
    const steps = this.offsets.length
    return Math.floor(index / steps) * this.roundMs + (this.offsets[index % steps] as number)
  }

  /** Sends whatever is due, then sleeps until the next message is (or until an acknowledgement frees a slot). */
  private pump(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    while (this.status.state === 'running' && this.next < this.total && this.inFlight < MAX_IN_FLIGHT && this.dueAt(this.next) <= performance.now() - this.started) {
      this.send(this.next++)
    }
    if (this.status.state !== 'running') return
    this.throttle.changed()
    if (this.next >= this.total) {
      if (this.inFlight === 0) this.stop('finished')
    } else if (this.inFlight < MAX_IN_FLIGHT) {
      this.timer = setTimeout(() => this.pump(), Math.max(0, this.dueAt(this.next) - (performance.now() - this.started)))
    }
  }

  private send(index: number): void {
    const steps = this.request.sequence.steps
    const step = steps[index % steps.length]!
    const rendered = renderTemplate(step, index + 1)
    if ('error' in rendered) {
      this.status.failed++
      this.stop('failed', `Step ${(index % steps.length) + 1}: ${rendered.error}`)
      return
    }
    this.status.step = (index % steps.length) + 1
    this.status.round = Math.floor(index / steps.length) + 1
    this.status.sent++
    this.inFlight++
    this.publish(this.request.connectionId, rendered.message).then(
      () => {
        this.status.acknowledged++
        this.settled()
      },
      (error: unknown) => {
        const failure = publishFailure(error)
        this.status.failed++
        this.status.lastError = failure.sentence
        if (failure.connectionGone) this.stop('failed')
        this.settled()
      }
    )
  }

  /** One message got its answer: finish after the last, resume when it freed the last slot, else report the counts. */
  private settled(): void {
    const wasFull = this.inFlight === MAX_IN_FLIGHT
    this.inFlight--
    // After a stop too: the answers of messages already handed over still count.
    if (this.status.state === 'running' && (wasFull || (this.next >= this.total && this.inFlight === 0))) this.pump()
    else this.throttle.changed()
  }
}
