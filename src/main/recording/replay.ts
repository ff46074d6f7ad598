import { UserFacingError, type PublishMessage, type ReplayStatus } from '../../shared/contract'
import { compileTopicFilter } from '../../shared/topics'
import type { Publish, PublishBurst } from '../ports/publish'
import type { RecordedMessage, RecordingFile } from './recordingFile'


export interface ReplayRequest {
  replayId: string
  recordingId: string
  connectionId: string
  /** Recorded timing times this; null: as fast as the broker acknowledges. */
  speed: number | null
  prefix: string
  filters: string[]
}

/** Messages published but not yet acknowledged, at most: a slow broker slows the replay instead of filling memory. */
const MAX_IN_FLIGHT = 1_000
/** A message due within this much is sent now: timers are not finer, and a batch keeps the pace. */
const EARLY_MS = 2
/** QoS 0 messages written together at most (a burst is also written before any wait). */
const BURST = 256
/** Status events at most this often while running. */
const STATUS_MS = 250

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** The MQTT 5 properties a publish can carry again (subscription ids and aliases belonged to the delivery). */
function publishable(message: RecordedMessage): PublishMessage['properties'] {
  if (!message.properties) return undefined
  const { subscriptionIdentifiers: _ids, topicAlias: _alias, ...rest } = message.properties
  return Object.keys(rest).length > 0 ? rest : undefined
}

/**
 * One replay of a recording onto a connection: reads the file lazily, sends each message when its recorded
 * time (scaled by speed) comes, never more than MAX_IN_FLIGHT unacknowledged; pause holds the clock.
 */
export class Replay {
  private readonly status: ReplayStatus
  private readonly matches: ((topic: string) => boolean)[]
  private paused = false
  private cancelled = false
  private resumed: (() => void) | null = null
  private inFlight = 0
  private drained: (() => void) | null = null
  private lastStatusAt = 0
  /** QoS 0 messages due and not yet written: they go out in one write. */
  private burst: PublishMessage[] = []
  /** performance.now() at which the recording's first message counts as sent, moved on by pauses. */
  private clockStart = 0
  private pausedAt = 0
  readonly done: Promise<ReplayStatus>

  constructor(
    private readonly request: ReplayRequest,
    private readonly file: RecordingFile,
    private readonly out: { publish: Publish; publishBurst: PublishBurst },
    private readonly report: (status: ReplayStatus) => void
  ) {
    const total = file.messageCount()
    this.status = {
      replayId: request.replayId, recordingId: request.recordingId, connectionId: request.connectionId, state: 'running',
      read: 0, total, sent: 0, acknowledged: 0, refused: 0, lastRefusal: null, error: null, positionMs: 0, durationMs: file.durationMs()
    }
    this.matches = request.filters.map((filter) => compileTopicFilter(filter))
    this.done = this.run()
  }

  current(): ReplayStatus {
    return { ...this.status }
  }

  pause(): ReplayStatus {
    if (this.status.state === 'running') {
      this.paused = true
      this.pausedAt = performance.now()
      this.setState('paused')
    }
    return this.current()
  }

  resume(): ReplayStatus {
    if (this.status.state === 'paused') {
      this.paused = false
      this.clockStart += performance.now() - this.pausedAt
      this.setState('running')
      this.resumed?.()
    }
    return this.current()
  }

  cancel(): ReplayStatus {
    this.cancelled = true
    this.resumed?.()
    return this.current()
  }

  private async run(): Promise<ReplayStatus> {
    let firstMicros: number | undefined
    this.clockStart = performance.now()
    try {
      for (const message of this.file.messages()) {
        if (this.matches.length > 0 && !this.matches.some((matches) => matches(message.topic))) continue
        firstMicros ??= message.receivedAtMicros
        const offsetMs = (message.receivedAtMicros - firstMicros) / 1000
        // Checked here first: an await per message would cost a turn of the event loop each when nothing needs waiting.
        if (!this.due(offsetMs)) {
          this.flush()
          await this.waitForTurn(offsetMs)
        }
        if (this.cancelled) break
        this.status.read++
        this.status.positionMs = offsetMs
        this.send(message)
        this.maybeReport()
      }
      this.flush()
      await this.waitForAcks()
      // A damaged file replays what could be read; the sentence says where it stopped.
      if (this.file.damage) this.status.error ??= this.file.damage
      this.setState(this.cancelled ? (this.status.error ? 'failed' : 'cancelled') : 'finished')
    } catch (error) {
      this.status.error = error instanceof Error ? error.message : String(error)
      this.setState('failed')
    } finally {
      this.file.close()
    }
    return this.current()
  }

  /** Whether the message at `offsetMs` may go now, with no waiting at all. */
  private due(offsetMs: number): boolean {
    if (this.cancelled || this.paused || this.inFlight >= MAX_IN_FLIGHT) return this.cancelled
    return this.request.speed === null || this.clockStart + offsetMs / this.request.speed - performance.now() <= EARLY_MS
  }

  /** Resolves when the message at `offsetMs` is due, the replay is not paused and a send slot is free. */
  private async waitForTurn(offsetMs: number): Promise<void> {
    for (;;) {
      if (this.cancelled) return
      if (this.paused) {
        await new Promise<void>((resolve) => (this.resumed = resolve))
        this.resumed = null
        continue
      }
      if (this.inFlight >= MAX_IN_FLIGHT) {
        await new Promise<void>((resolve) => (this.drained = resolve))
        continue
      }
      if (this.request.speed === null) return
      const wait = this.clockStart + offsetMs / this.request.speed - performance.now()
      if (wait <= EARLY_MS) return
      // Sleep in short steps so pause and cancel are heard while waiting for a message far ahead.
      await sleep(Math.min(wait, 100))
    }
  }

  private send(message: RecordedMessage): void {
    const properties = publishable(message)
    const outgoing: PublishMessage = { topic: this.request.prefix + message.topic, payload: message.payload, qos: message.qos, retain: message.retain, ...(properties ? { properties } : {}) }
    this.status.sent++
    this.inFlight++
    if (outgoing.qos === 0) {
      this.burst.push(outgoing)
      if (this.burst.length >= BURST) this.flush()
      return
    }
    // In the recorded order: the QoS 0 messages before this one go first.
    this.flush()
    this.out.publish(this.request.connectionId, outgoing).then(
      () => this.settle(true, null),
      (error: unknown) => this.failed(error)
    )
  }

  /** Writes the QoS 0 messages waiting in the burst. */
  private flush(): void {
    const burst = this.burst
    if (burst.length === 0) return
    this.burst = []
    this.out.publishBurst(this.request.connectionId, burst).then(
      (outcome) => outcome.forEach((refusal) => this.settle(refusal === null, refusal?.message ?? null)),
      (error: unknown) => burst.forEach(() => this.failed(error))
    )
  }

  /** A message not sent: a connection that is gone ends the replay; a refusal of one message is counted and the replay goes on. */
  private failed(error: unknown): void {
    if (error instanceof UserFacingError && (error.code === 'not-connected' || error.code === 'cancelled')) {
      this.status.error ??= `${error.message} The replay stopped after ${this.status.sent.toLocaleString('en-US')} messages.`
      this.cancelled = true
    }
    this.settle(false, error instanceof Error ? error.message : String(error))
  }

  private settle(acknowledged: boolean, refusal: string | null): void {
    this.inFlight--
    if (acknowledged) this.status.acknowledged++
    else {
      this.status.refused++
      this.status.lastRefusal = refusal
    }
    const drained = this.drained
    this.drained = null
    drained?.()
  }

  private async waitForAcks(): Promise<void> {
    while (this.inFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve))
  }

  private maybeReport(): void {
    const now = performance.now()
    if (now - this.lastStatusAt < STATUS_MS) return
    this.lastStatusAt = now
    this.report(this.current())
  }

  private setState(state: ReplayStatus['state']): void {
    this.status.state = state
    this.lastStatusAt = performance.now()
    this.report(this.current())
  }
}
