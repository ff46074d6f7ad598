// (j) Replay as fast as the broker takes it: a recording of `messages` QoS 0 messages (the flood's JSON over 1,000
// topics) published to the broker through the engine, timed from start to the last message written. Runs as a
// child of run.ts, or alone: `node out/bench/replay.js` (then it starts its own broker).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConnectionManager } from '../src/main/mqtt/connectionManager'
import { RecordingFile } from '../src/main/recording/recordingFile'
import { ReplayService } from '../src/main/recording/replayService'
import { connectionOptionsSchema, type ReplayStatus } from '../src/shared/contract'
import { startBenchBroker } from './lib/benchBroker'
import { childConfig, finishWith } from './lib/child'
import { writeBenchRecording } from './lib/benchRecording'

export interface ReplayBenchConfig {
  /** The broker's port; absent when run alone. */
  port?: number
  messages: number
}

export interface ReplayBenchResult {
  messages: number
  seconds: number
  messagesPerSecond: number
  acknowledged: number
  refused: number
}

async function main(): Promise<void> {
  const config = childConfig<Partial<ReplayBenchConfig>>()
  const messages = config.messages ?? 1_000_000
  const broker = config.port === undefined ? await startBenchBroker() : undefined
  const port = config.port ?? (broker?.tcpPort as number)
  const dir = mkdtempSync(join(tmpdir(), 'replay-bench-'))
  const connections = new ConnectionManager()
  try {
    writeBenchRecording(join(dir, 'bench.bsrec'), messages, 1_000, 'replay')
    await connections.connect('replay', connectionOptionsSchema.parse({ protocol: 'mqtt', host: '127.0.0.1', port, reconnectPeriodMs: 0 }))
    let end: ReplayStatus | undefined
    let started = 0
    const finished = new Promise<void>((resolve) => {
      const replays = new ReplayService({
        open: () => RecordingFile.open(join(dir, 'bench.bsrec')),
        publish: (id, message) => connections.publish(id, message),
        publishBurst: (id, messages) => connections.publishBurst(id, messages),
        emit: (_name, status) => {
          const s = status as ReplayStatus
          if (s.state !== 'running') {
            end = s
            resolve()
          }
        }
      })
      started = performance.now()
      replays.start({ replayId: 'bench', recordingId: 'bench', connectionId: 'replay', speed: null, prefix: 'bench/', filters: [] })
    })
    await finished
    const seconds = (performance.now() - started) / 1000
    const result: ReplayBenchResult = { messages, seconds, messagesPerSecond: Math.round((end?.acknowledged ?? 0) / seconds), acknowledged: end?.acknowledged ?? 0, refused: end?.refused ?? 0 }
    if (process.send) finishWith(result)
    else console.log(result)
  } finally {
    await connections.dispose()
    rmSync(dir, { recursive: true, force: true })
    await broker?.stop()
  }
}

void main()
