// One measured subscriber: a bare mqtt.js client (the baseline), or our engine + model + coalescer with
// every delta serialized as Electron IPC would (v8.serialize, the structured-clone wire format), and in
// `recording` mode the same with the connection recorded to a file (RecordingService, as the app does).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serialize } from 'node:v8'
import mqtt from 'mqtt'
import { connectionOptionsSchema, DELTA_STRIDE, type ModelDelta } from '../src/shared/contract'
import { ConnectionManager } from '../src/main/mqtt/connectionManager'
import { ModelService } from '../src/main/model'
import { RecordingService } from '../src/main/recording/recordingService'
import { childConfig, finishWith, tellParent } from './lib/child'

export interface SubscriberConfig {
  mode: 'bare' | 'pipeline' | 'recording'
  transport: 'tcp' | 'ws'
  port: number
  wsPath: string
  filter: string
  qos: 0 | 1
  messages: number
  /** Give up when nothing arrived for this long (messages lost at the broker). */
  idleMs: number
}

export interface SubscriberResult {
  received: number
  seconds: number
  messagesPerSecond: number
  deltas: number
  deltaBytes: number
  maxTopicsPerDelta: number
  serializeMs: number
  /** CPU time of the process (every thread) per message, in microseconds: what each message costs, less noisy than rates. */
  cpuMicrosPerMessage: number
  /** `recording` mode: messages the recording counted, wrote, and could not write (lossless: received = written). */
  recorded?: { received: number; written: number; notWritten: number; sizeBytes: number }
}

/** Counts arrivals; reports when all arrived or the stream went idle. */
class Meter {
  received = 0
  private first = 0
  private last = 0
  private resolve: (() => void) | undefined
  readonly finished = new Promise<void>((resolve) => (this.resolve = resolve))
  /** Process CPU time at the first arrival, and used from then until the end. */
  private cpuAtFirst: NodeJS.CpuUsage | undefined
  private cpuUsed: NodeJS.CpuUsage | undefined

  constructor(private readonly expected: number) {}

  hit(): void {
    const now = performance.now()
    if (this.received === 0) {
      this.first = now
      this.cpuAtFirst = process.cpuUsage()
    }
    this.last = now
    if (++this.received === this.expected) this.done()
  }

  /** CPU microseconds per message from the first arrival to the end. */
  get cpuMicrosPerMessage(): number {
    return this.cpuUsed && this.received > 0 ? (this.cpuUsed.user + this.cpuUsed.system) / this.received : 0
  }

  private done(): void {
    if (this.cpuUsed === undefined && this.cpuAtFirst) this.cpuUsed = process.cpuUsage(this.cpuAtFirst)
    this.resolve?.()
  }

  watchIdle(idleMs: number): void {
    const timer = setInterval(() => {
      if (this.received > 0 && performance.now() - this.last > idleMs) this.done()
    }, 200)
    void this.finished.then(() => clearInterval(timer))
  }

  get seconds(): number {
    return (this.last - this.first) / 1000
  }
}

async function bare(config: SubscriberConfig, meter: Meter): Promise<() => Promise<void>> {
  const url = config.transport === 'ws' ? `ws://127.0.0.1:${config.port}${config.wsPath}` : `mqtt://127.0.0.1:${config.port}`
  // Without mqtt.js's per-message debug logging, as the engine runs it (equal treatment).
  const client = mqtt.connect(url, { protocolVersion: 4, clean: true, reconnectPeriod: 0, log: () => undefined })
  client.on('message', () => meter.hit())
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve())
    client.once('error', reject)
  })
  // Same socket setting as the engine, so QoS 1 acks are not held back by Nagle's algorithm in either.
  const stream = client.stream as { setNoDelay?: (noDelay: boolean) => void }
  stream.setNoDelay?.(true)
  await client.subscribeAsync(config.filter, { qos: config.qos })
  return () => client.endAsync()
}

async function pipeline(config: SubscriberConfig, meter: Meter, result: SubscriberResult): Promise<() => Promise<void>> {
  const connections = new ConnectionManager()
  const recordingDir = config.mode === 'recording' ? mkdtempSync(join(tmpdir(), 'bench-recording-')) : null
  const recordings = recordingDir === null ? null : new RecordingService({ dir: recordingDir, emit: () => undefined, describe: () => null })
  const model = new ModelService({
    emitClearProgress: () => undefined,
    publish: (connectionId, message) => connections.publish(connectionId, message)
  })
  // A window that applies each delta at once: it confirms it right away, as the page does after applying.
  model.openStream({
    id: 'bench-window',
    isOpen: () => true,
    canSend: () => true,
    send: (delta: ModelDelta) => {
      const started = performance.now()
      result.deltaBytes += serialize(delta).length
      result.serializeMs += performance.now() - started
      result.deltas++
      result.maxTopicsPerDelta = Math.max(result.maxTopicsPerDelta, delta.numbers.length / DELTA_STRIDE)
      model.ack('bench-window', [delta])
    }
  })
  connections.onMessage((connectionId, message) => {
    model.ingest(connectionId, message)
    recordings?.ingest(connectionId, message)
    meter.hit()
  })
  const options = connectionOptionsSchema.parse({
    protocol: config.transport === 'ws' ? 'ws' : 'mqtt',
    host: '127.0.0.1',
    port: config.port,
    path: config.wsPath,
    reconnectPeriodMs: 0
  })
  await connections.connect('bench', options)
  recordings?.start({ connectionId: 'bench', name: 'bench', filters: [] })
  await connections.subscribe('bench', [{ filter: config.filter, qos: config.qos }])
  return async () => {
    if (recordings && recordingDir) {
      const { received, written, notWritten, sizeBytes } = recordings.stop('bench')
      result.recorded = { received, written, notWritten, sizeBytes }
      recordings.dispose()
      rmSync(recordingDir, { recursive: true, force: true })
    }
    model.dispose()
    await connections.dispose()
  }
}

async function main(): Promise<void> {
  const config = childConfig<SubscriberConfig>()
  const meter = new Meter(config.messages)
  const result: SubscriberResult = { received: 0, seconds: 0, messagesPerSecond: 0, deltas: 0, deltaBytes: 0, maxTopicsPerDelta: 0, serializeMs: 0, cpuMicrosPerMessage: 0 }
  const stop = config.mode === 'bare' ? await bare(config, meter) : await pipeline(config, meter, result)
  meter.watchIdle(config.idleMs)
  tellParent({ type: 'ready' })
  await meter.finished
  result.received = meter.received
  result.seconds = meter.seconds
  result.messagesPerSecond = Math.round(meter.received / meter.seconds)
  result.cpuMicrosPerMessage = meter.cpuMicrosPerMessage
  await stop()
  finishWith(result)
}

void main()
