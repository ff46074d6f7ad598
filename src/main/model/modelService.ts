import { topicNameProblem } from '../../shared/topics'
import { MAX_SERIES_WATCHES, UserFacingError, type ClearRetainedProgress, type ModelSettings, type ReceivedMessage, type SearchProgress, type TalkerOrder, type TalkerWindow, type TopTalkers } from '../../shared/contract'
import type { ProfileDecoders } from '../../shared/decoders'
import type { DeltaReceiver } from '../ports/deltaReceiver'
import { ClearRetainedRunner, type PublishFn } from './clearRetained'
import { DeltaCoalescer } from './coalescer'
import type { WatchSpec } from './seriesWatch'
import { ConnectionModel } from './connectionModel'
import { SearchRunner, type SearchQuery, type SearchResult } from './search'
import { defaultModelSettings, mergeSettings } from './settings'

/** What the model needs from the rest of main: where progress goes, and how to publish. Deltas go to receivers (openStream). */
export interface ModelServiceOptions {
  emitClearProgress: (progress: ClearRetainedProgress) => void
  /** Where a running search's matches go before it ends (none: they come with its result only). */
  emitSearchProgress?: (progress: SearchProgress) => void
  /** Publishes for clear-retained; the engine's publish. */
  publish: PublishFn
  settings?: Partial<ModelSettings>
  now?: () => number
}

interface Connection {
  model: ConnectionModel
  coalescer: DeltaCoalescer
}

/** One receiver's confirmation that it applied a connection's deltas up to `seq`. */
export interface DeltaAck {
  connectionId: string
  seq: number
}

/** Every connection's model and delta streams; fed by the engine's onMessage, queried by the handlers. */
export class ModelService {
  readonly searches = new SearchRunner()
  private settings: ModelSettings
  private readonly connections = new Map<string, Connection>()
  /** Receivers of the delta stream (windows, sockets); each gets its own stream of every connection. */
  private readonly receivers = new Map<string, DeltaReceiver>()
  private readonly clears: ClearRetainedRunner
  private lastId: string | undefined
  private last: Connection | undefined

  constructor(private readonly options: ModelServiceOptions) {
    this.settings = mergeSettings(defaultModelSettings, options.settings ?? {})
    this.clears = new ClearRetainedRunner(options.publish, options.emitClearProgress, options.now)
  }

  /** Hot path: one received message of a connection. */
  ingest(connectionId: string, message: ReceivedMessage): void {
    // Most messages come from the same connection as the one before: skip the lookup.
    const connection = connectionId === this.lastId ? (this.last as Connection) : this.connectionFor(connectionId)
    connection.model.ingest(message)
  }

  /** The model of a connection (created empty when it has none yet). */
  model(connectionId: string): ConnectionModel {
    return this.connectionFor(connectionId).model
  }

  /** The model of a connection for reading; an empty one, not kept, when nothing was received yet. */
  view(connectionId: string): ConnectionModel {
    return this.connections.get(connectionId)?.model ?? new ConnectionModel(() => this.settings)
  }

  /**
   * Starts (or starts over) a receiver's streams: the next delta of every connection resets it and carries every
   * topic, and connections created later stream to it too. Returns how many connections it streams.
   */
  openStream(receiver: DeltaReceiver): number {
    for (const [id, known] of this.receivers) if (!known.isOpen()) this.receivers.delete(id)
    this.receivers.set(receiver.id, receiver)
    for (const { coalescer } of this.connections.values()) {
      coalescer.attach(receiver)
      // A new page: the charts of the page before are gone.
      coalescer.stream(receiver.id)?.watches.clear()
    }
    return this.connections.size
  }

  /** The receiver missed deltas of a connection: its stream alone starts over. Returns the topic count. */
  resync(connectionId: string, receiver: DeltaReceiver): number {
    // A model is created if need be: its first delta carries the reset the receiver waits for.
    const connection = this.connectionFor(connectionId)
    if (!this.receivers.has(receiver.id)) this.openStream(receiver)
    connection.coalescer.attach(receiver)
    return connection.model.topics.size
  }

  /**
   * The receiver's stream of a connection carries the new points of these series from now on (a chart's live
   * extension). `decoders` (the connection's profile settings) say how `auto` series decode. Returns how many
   * watches the receiver has on all connections.
   */
  watchSeries(connectionId: string, receiver: DeltaReceiver, watchId: string, specs: readonly WatchSpec[], decoders?: ProfileDecoders): number {
    const connection = this.connectionFor(connectionId)
    const stream = connection.coalescer.stream(receiver.id)
    if (!stream) throw new UserFacingError('invalid-argument', 'This page has no delta stream yet, so a chart cannot follow new messages. Reload the page.')
    const watching = this.watchCount(receiver.id)
    if (!stream.watches.has(watchId) && watching >= MAX_SERIES_WATCHES) {
      throw new UserFacingError('invalid-argument', `A page can follow at most ${MAX_SERIES_WATCHES} charts at a time. Close or pause a chart, then try again.`)
    }
    stream.watches.watch(watchId, specs, decoders)
    connection.coalescer.wake()
    return this.watchCount(receiver.id)
  }

  /** Stops a watch of the receiver; false when it had none by that id. */
  unwatchSeries(connectionId: string, receiverId: string, watchId: string): boolean {
    return this.connections.get(connectionId)?.coalescer.stream(receiverId)?.watches.unwatch(watchId) ?? false
  }

  private watchCount(receiverId: string): number {
    let count = 0
    for (const { coalescer } of this.connections.values()) count += coalescer.stream(receiverId)?.watches.size ?? 0
    return count
  }

  /** The receiver applied these deltas: its streams may send more. */
  ack(receiverId: string, acks: readonly DeltaAck[]): void {
    for (const { connectionId, seq } of acks) this.connections.get(connectionId)?.coalescer.stream(receiverId)?.ack(seq)
  }

  /** The coalescer of a connection (tests and the bench drive its ticks directly). */
  coalescer(connectionId: string): DeltaCoalescer {
    return this.connectionFor(connectionId).coalescer
  }

  currentSettings(): ModelSettings {
    return { ...this.settings }
  }

  /** The busiest topics and subtrees of a connection (none for one that received nothing). */
  topTalkers(connectionId: string, window: TalkerWindow, order: TalkerOrder, limit: number): TopTalkers {
    const connection = this.connections.get(connectionId)
    if (!connection) return { measuredMs: 0, topics: [], subtrees: [] }
    return connection.coalescer.talkers.top(window, order, limit, (this.options.now ?? Date.now)())
  }

  /** Runs a search on a connection's model; its matches go out as model:searchProgress events while it runs. */
  search(connectionId: string, searchId: string, query: SearchQuery): Promise<SearchResult> {
    const report = this.options.emitSearchProgress
    return this.searches.run(this.view(connectionId), searchId, query, report && ((progress) => report({ connectionId, searchId, ...progress })))
  }

  /** Clears one retained topic, or every retained topic at or below `path` when `subtree`. */
  clearRetained(connectionId: string, operationId: string, path: string | null, subtree: boolean): Promise<ClearRetainedProgress> {
    const model = this.model(connectionId)
    let topics: string[]
    if (subtree) {
      topics = []
      const node = model.tree.find(path)
      if (node) model.tree.forEachEntry(node, (entry) => entry.retained && topics.push(entry.topic))
    } else {
      const problem = path === null ? 'Choose the topic whose retained value should be cleared.' : topicNameProblem(path)
      if (problem) throw new UserFacingError('invalid-argument', problem)
      topics = [path as string]
    }
    return this.clears.run(connectionId, model, operationId, topics)
  }

  cancelClearRetained(operationId: string): boolean {
    return this.clears.cancel(operationId)
  }

  /**
   * Forgets every message of a connection and releases its model: one last delta tells every receiver to
   * reset, and the next message starts a new model. Returns how many topics there were.
   */
  clear(connectionId: string): number {
    const connection = this.connections.get(connectionId)
    if (!connection) return 0
    const cleared = connection.model.clear()
    connection.coalescer.sendResets()
    this.forget(connectionId)
    return cleared
  }

  /** Forgets a connection's model and stops its deltas. */
  forget(connectionId: string): void {
    this.connections.get(connectionId)?.coalescer.stop()
    this.connections.delete(connectionId)
    if (this.lastId === connectionId) this.lastId = this.last = undefined
  }

  dispose(): void {
    for (const id of [...this.connections.keys()]) this.forget(id)
  }

  private connectionFor(connectionId: string): Connection {
    let connection = this.connections.get(connectionId)
    if (!connection) {
      const settings = (): ModelSettings => this.settings
      const model = new ConnectionModel(settings)
      const coalescer = new DeltaCoalescer(connectionId, model, { settings, ...(this.options.now && { now: this.options.now }) })
      for (const receiver of this.receivers.values()) if (receiver.isOpen()) coalescer.attach(receiver)
      coalescer.start()
      connection = { model, coalescer }
      this.connections.set(connectionId, connection)
    }
    this.lastId = connectionId
    this.last = connection
    return connection
  }
}
