// A recording file of the flood's messages (JSON of about 60 bytes over `topics` topics, QoS 0, 1 µs apart), for
// the benches that read recordings: (j) replay and (l) opening one as a tab.
import { RECORDING_FORMAT, RecordingFile, type RecordedMessage } from '../../src/main/recording/recordingFile'
import { benchTopic, writePayload } from './messages'

const BATCH = 10_000

export function writeBenchRecording(path: string, messages: number, topics: number, prefix: string): void {
  const file = RecordingFile.create(path, {
    format: RECORDING_FORMAT, name: `${prefix} bench`, connectionId: 'bench', profile: null, filters: [], startedAt: 0, stoppedAt: 0,
    received: messages, written: messages, notWritten: 0, notWrittenReason: null
  })
  const scratch = Buffer.alloc(128)
  for (let from = 0; from < messages; from += BATCH) {
    const batch: RecordedMessage[] = []
    for (let i = from; i < Math.min(from + BATCH, messages); i++) {
      const length = writePayload(scratch, 0, i)
      batch.push({ topic: benchTopic(prefix, i, topics), payload: Uint8Array.from(scratch.subarray(0, length)), qos: 0, retain: false, dup: false, receivedAtMicros: 1_700_000_000_000_000 + i })
    }
    file.append(batch)
  }
  file.close()
}
