import type { QoS, SimulationStatus } from '../../shared/contract'
import type { Publish } from '../ports/publish'
import { StatusThrottle } from '../publishing/statusThrottle'
import { publishFailure, renderTemplate, templateProblem } from '../publishing/templatedMessage'

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

/** The template checked once, before anything is sent: every {{variable}} must be one a simulation can fill. */
export function simulationProblem(request: SimulationRequest): string | null {
  return templateProblem(request, 'a simulation')
}

/**
 * A device simulation: the template published `ratePerSecond` times a second, paced against the clock (so the
 * rate holds over time, not per tick), each message with its variables filled in anew, until stopped.
 */
export class Simulation {
  private readonly status: SimulationStatus
  private readonly timer: NodeJS.Timeout
  private readonly started = performance.now()
  private readonly throttle: StatusThrottle<SimulationStatus>
  private inFlight = 0
  private resolveDone!: (status: SimulationStatus) => void
  readonly done = new Promise<SimulationStatus>((resolve) => (this.resolveDone = resolve))

  constructor(
    private readonly request: SimulationRequest,
    private readonly publish: Publish,
    report: (status: SimulationStatus) => void
  ) {
    this.status = { simulationId: request.simulationId, connectionId: request.connectionId, state: 'running', ratePerSecond: request.ratePerSecond, sent: 0, acknowledged: 0, refused: 0, lastError: null }
    this.throttle = new StatusThrottle(() => this.current(), report)
    this.timer = setInterval(() => this.tick(), TICK_MS)
    this.tick()
  }

  current(): SimulationStatus {
    return { ...this.status }
  }

  stop(state: 'stopped' | 'finished' | 'failed' = 'stopped', reason?: string): SimulationStatus {
    if (this.status.state === 'running') {
      clearInterval(this.timer)
      this.status.state = state
      if (reason !== undefined) this.status.lastError = reason
      this.throttle.final()
      this.resolveDone(this.current())
    }
    return this.current()
  }

  private tick(): void {
    if (this.status.state !== 'running') return
    const due = Math.min(Math.floor(((performance.now() - this.started) / 1000) * this.request.ratePerSecond) + 1, this.request.count ?? Number.POSITIVE_INFINITY)
    while (this.status.sent < due && this.inFlight < MAX_IN_FLIGHT && this.status.state === 'running') this.send()
    if (this.request.count !== undefined && this.status.sent >= this.request.count && this.inFlight === 0) this.stop('finished')
    else this.throttle.changed()
  }

  private send(): void {
    const rendered = renderTemplate(this.request, this.status.sent + 1)
    if ('error' in rendered) {
      this.stop('failed', rendered.error)
      return
    }
    this.status.sent++
    this.inFlight++
    this.publish(this.request.connectionId, rendered.message).then(
      () => {
        this.inFlight--
        this.status.acknowledged++
      },
      (error: unknown) => {
        this.inFlight--
        this.status.refused++
        const failure = publishFailure(error)
        this.status.lastError = failure.sentence
        if (failure.connectionGone) this.stop('failed')
      }
    )
  }
}
