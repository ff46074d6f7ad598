import { UserFacingError, type ReplayStatus } from '../../shared/contract'
import type { EventSink } from '../ports/eventSink'
import type { Publish, PublishBurst } from '../ports/publish'
import { Replay, type ReplayRequest } from './replay'
import type { RecordingFile } from './recordingFile'

export interface ReplayServiceOptions {
  open: (recordingId: string) => RecordingFile
  publish: Publish
  /** QoS 0 messages in one write (QoS 1/2 go through `publish`, each waiting for its acknowledgement). */
  publishBurst: PublishBurst
  emit: EventSink
}

/** The replays running now, by id; each reports recording:replayStatus and is forgotten when it ends. */
export class ReplayService {
  private readonly running = new Map<string, Replay>()

  constructor(private readonly options: ReplayServiceOptions) {}

  start(request: ReplayRequest): ReplayStatus {
    if (this.running.has(request.replayId)) throw new UserFacingError('already-exists', `A replay with id "${request.replayId}" is already running; use a new id.`)
    const replay = new Replay(request, this.options.open(request.recordingId), { publish: this.options.publish, publishBurst: this.options.publishBurst }, (status) => this.options.emit('recording:replayStatus', status))
    this.running.set(request.replayId, replay)
    void replay.done.finally(() => this.running.delete(request.replayId))
    return replay.current()
  }

  control(replayId: string, action: 'pause' | 'resume' | 'cancel'): ReplayStatus {
    const replay = this.running.get(replayId)
    if (!replay) throw new UserFacingError('not-found', 'That replay has already ended.')
    return action === 'pause' ? replay.pause() : action === 'resume' ? replay.resume() : replay.cancel()
  }

  /** Cancels every replay (quit) and waits until each has stopped. */
  async dispose(): Promise<void> {
    const replays = [...this.running.values()]
    for (const replay of replays) replay.cancel()
    await Promise.all(replays.map((replay) => replay.done))
  }
}
