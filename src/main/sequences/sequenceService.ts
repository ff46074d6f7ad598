import { randomUUID } from 'node:crypto'
import { UserFacingError, type Sequence, type SequenceMode, type SequenceStatus } from '../../shared/contract'
import type { EventSink } from '../ports/eventSink'
import type { Publish } from '../ports/publish'
import { templateProblem } from '../publishing/templatedMessage'
import { SequenceRun } from './sequenceRun'

/** The sequence runs going on now, by run id; each reports sequence:status and is forgotten when it ends. */
export class SequenceService {
  private readonly running = new Map<string, SequenceRun>()

  constructor(private readonly options: { publish: Publish; emit: EventSink; newId?: () => string }) {}

  /** Checks every step (variables it can fill, topics), then starts the run; its first status is the reply. */
  run(request: { connectionId: string; sequence: Sequence; mode: SequenceMode }): SequenceStatus {
    request.sequence.steps.forEach((step, index) => {
      const problem = templateProblem(step, 'a sequence')
      if (problem) throw new UserFacingError('invalid-argument', `Step ${index + 1}: ${problem}`)
    })
    const runId = (this.options.newId ?? randomUUID)()
    const run = new SequenceRun({ runId, ...request }, this.options.publish, (status) => this.options.emit('sequence:status', status))
    const first = run.current()
    if (first.state === 'running') {
      this.running.set(runId, run)
      void run.done.then(() => this.running.delete(runId))
    }
    return first
  }

  stop(runId: string): SequenceStatus {
    const run = this.running.get(runId)
    if (!run) throw new UserFacingError('not-found', 'That sequence run has already ended.')
    return run.stop()
  }

  /** A connection closed: its runs stop (a step waiting for its delay would otherwise fail only when due). */
  connectionClosed(connectionId: string): void {
    for (const run of this.running.values()) {
      if (run.current().connectionId === connectionId) run.stop('stopped', 'The connection closed, so the sequence stopped. Connect again and run it anew.')
    }
  }

  dispose(): void {
    for (const run of this.running.values()) run.stop()
  }
}
