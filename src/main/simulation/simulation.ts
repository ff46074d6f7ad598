import { utf8Encode } from '../../shared/bytes'
import { randomUUID } from 'node:crypto'
import { UserFacingError, type PublishMessage, type QoS, type SimulationStatus } from '../../shared/contract'
import { askedNames, expandVariables } from '../../shared/templates/variables'
import { topicNameProblem } from '../../shared/topics'
import type { Publish } from '../ports/publish'

export interface SimulationRequest {
  simulationId: string
  connectionId: string
  topic: string
  payload: string
  qos: QoS
  retain: boolean
  ratePerSecond: number
  count?: number | undefined
}

/** How often the pacing clock looks whether messages are due. */
const TICK_MS = 5
/** Unacknowledged messages at most: a slow broker slows the simulation instead of filling memory. */
const MAX_IN_FLIGHT = 1_000
const STATUS_MS = 250

/** The template checked once, before anything is sent: every {{variable}} must be one a simulation can fill. */
export function simulationProblem(request: SimulationRequest): string | null {
  const asked = askedNames(request.topic, request.payload)
  if (asked.length > 0) return `{{ask ${asked[0]}}} has no one to answer it in a simulation: write the value into the template.`
  const sample = { now: new Date(), counter: 1, random: Math.random, uuid: randomUUID, answers: {} }
  const topic = expandVariables(request.topic, sample)
  if ('error' in topic) return topic.error
  const topicProblem = topicNameProblem(topic.text)
  if (topicProblem) return topicProblem
  const payload = expandVariables(request.payload, sample)
  return 'error' in payload ? payload.error : null
}

/**
 * A device simulation: the template published `ratePerSecond` times a second, paced against the clock (so the
 * rate holds over time, not per tick), each message with its variables filled in anew, until stopped.
 */
export class Simulation {
  private readonly status: SimulationStatus
  private readonly timer: NodeJS.Timeout
  private readonly started = performance.now()
  private inFlight = 0
  private lastStatusAt = 0
  private resolveDone!: (status: SimulationStatus) => void
  readonly done = new Promise<SimulationStatus>((resolve) => (this.resolveDone = resolve))

  constructor(
    private readonly request: SimulationRequest,
    private readonly publish: Publish,
    private readonly report: (status: SimulationStatus) => void
  ) {
    this.status = { simulationId: request.simulationId, connectionId: request.connectionId, state: 'running', ratePerSecond: request.ratePerSecond, sent: 0, acknowledged: 0, refused: 0, lastError: null }
    this.timer = setInterval(() => this.tick(), TICK_MS)
    this.tick()
  }

  current(): SimulationStatus {
    return { ...this.status }
  }

  stop(state: 'stopped' | 'finished' | 'failed' = 'stopped'): SimulationStatus {
    if (this.status.state === 'running') {
      clearInterval(this.timer)
      this.status.state = state
      this.report(this.current())
      this.resolveDone(this.current())
    }
    return this.current()
  }

  private tick(): void {
    if (this.status.state !== 'running') return
    const due = Math.min(Math.floor(((performance.now() - this.started) / 1000) * this.request.ratePerSecond) + 1, this.request.count ?? Number.POSITIVE_INFINITY)
    while (this.status.sent < due && this.inFlight < MAX_IN_FLIGHT && this.status.state === 'running') this.send()
    if (this.request.count !== undefined && this.status.sent >= this.request.count && this.inFlight === 0) this.stop('finished')
    else if (performance.now() - this.lastStatusAt >= STATUS_MS) {
      this.lastStatusAt = performance.now()
      this.report(this.current())
    }
  }

  private send(): void {
    const context = { now: new Date(), counter: this.status.sent + 1, random: Math.random, uuid: randomUUID, answers: {} }
    const topic = expandVariables(this.request.topic, context)
    const payload = expandVariables(this.request.payload, context)
    if ('error' in topic || 'error' in payload) {
      this.status.lastError = 'error' in topic ? topic.error : (payload as { error: string }).error
      this.stop('failed')
      return
    }
    const message: PublishMessage = { topic: topic.text, payload: utf8Encode(payload.text), qos: this.request.qos, retain: this.request.retain }
    this.status.sent++
    this.inFlight++
    this.publish(this.request.connectionId, message).then(
      () => {
        this.inFlight--
        this.status.acknowledged++
      },
      (error: unknown) => {
        this.inFlight--
        this.status.refused++
        this.status.lastError = error instanceof Error ? error.message : String(error)
        // The connection is gone: nothing more can be sent.
        if (error instanceof UserFacingError && (error.code === 'not-connected' || error.code === 'cancelled')) this.stop('failed')
      }
    )
  }
}
