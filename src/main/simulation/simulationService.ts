import { UserFacingError, type SimulationStatus } from '../../shared/contract'
import type { EventSink } from '../ports/eventSink'
import type { Publish } from '../ports/publish'
import { Simulation, simulationProblem, type SimulationRequest } from './simulation'

/** The device simulations running now, by id; each reports simulation:status and is forgotten when it ends. */
export class SimulationService {
  private readonly running = new Map<string, Simulation>()

  constructor(private readonly options: { publish: Publish; emit: EventSink }) {}

  start(request: SimulationRequest): SimulationStatus {
    if (this.running.has(request.simulationId)) throw new UserFacingError('already-exists', `A simulation with id "${request.simulationId}" is already running; use a new id.`)
    const problem = simulationProblem(request)
    if (problem) throw new UserFacingError('invalid-argument', problem)
    const simulation = new Simulation(request, this.options.publish, (status) => this.options.emit('simulation:status', status))
    this.running.set(request.simulationId, simulation)
    void simulation.done.then(() => this.running.delete(request.simulationId))
    return simulation.current()
  }

  stop(simulationId: string): SimulationStatus {
    const simulation = this.running.get(simulationId)
    if (!simulation) throw new UserFacingError('not-found', 'That simulation has already stopped.')
    return simulation.stop()
  }

  dispose(): void {
    for (const simulation of this.running.values()) simulation.stop()
  }
}
