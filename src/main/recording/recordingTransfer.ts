import { rmSync } from 'node:fs'
import { formatByteSize } from '../../shared/bytes'
import { csvText } from '../../shared/csv'
import { MAX_RECORDING_EXPORT_BYTES, UserFacingError, type RecordingExportFormat } from '../../shared/contract'
import { CSV_COLUMNS, csvMessageRow } from './csvExport'
import { jsonlHeader, jsonlLines, jsonlMessage, parseJsonlHeader, parseJsonlMessage, type JsonlHeader } from './jsonl'
import { RECORDING_FORMAT, type RecordedMessage, type RecordingFile, type RecordingMeta } from './recordingFile'

/** Messages written to the new file per transaction on import (about 25 ms of work between turns). */
const IMPORT_BATCH = 1_000
/** Text gathered before it becomes bytes on export (about 15 ms of work between turns). */
const EXPORT_CHUNK_CHARS = 256 << 10

/**
 * Exports and imports run in main beside the MQTT connections: giving the event loop a turn between slices keeps
 * messages flowing (and recordings flushing) while a large file is read or written.
 */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

const FORMAT_NAMES: Record<RecordingExportFormat, string> = { jsonl: 'JSON Lines', csv: 'CSV' }

/** Removes a recording's file with its write-ahead log and shared memory file. */
export function removeRecordingFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
}

/** One message's line of an export, with its line end: JSON Lines ends lines with LF, CSV (RFC 4180) with CRLF. */
function messageLine(message: RecordedMessage, format: RecordingExportFormat): string {
  return format === 'jsonl' ? `${jsonlMessage(message)}\n` : csvText([csvMessageRow(message)])
}

/**
 * The first line, made once the messages are read: a file cut short exports the messages that could be read, and
 * its header says how many, so the export imports again.
 */
function headLine(file: RecordingFile, format: RecordingExportFormat, count: number): string {
  return format === 'jsonl' ? `${jsonlHeader({ ...file.meta(), written: count })}\n` : csvText([CSV_COLUMNS])
}

/**
 * A recording as one file's bytes. It crosses the contract as one reply, so it is bounded: above
 * MAX_RECORDING_EXPORT_BYTES the export stops with a sentence instead of filling memory.
 */
export async function exportRecording(file: RecordingFile, format: RecordingExportFormat, maxBytes = MAX_RECORDING_EXPORT_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = []
  let total = 0
  let pending: string[] = []
  let pendingChars = 0
  const add = (chunk: Buffer): void => {
    total += chunk.byteLength
    if (total > maxBytes) {
      throw new UserFacingError(
        'invalid-argument',
        `This recording is larger than ${formatByteSize(maxBytes)} as ${FORMAT_NAMES[format]}, so it is not exported. Copy its .bsrec file from the recordings folder instead, or record in shorter parts (a size limit when recording).`
      )
    }
    chunks.push(chunk)
  }
  const flush = (): void => {
    add(Buffer.from(pending.join(''), 'utf8'))
    pending = []
    pendingChars = 0
  }
  let count = 0
  for (const message of file.messages()) {
    const line = messageLine(message, format)
    count++
    pending.push(line)
    pendingChars += line.length
    if (pendingChars >= EXPORT_CHUNK_CHARS) {
      flush()
      await nextTurn()
    }
  }
  flush()
  add(Buffer.from(headLine(file, format, count), 'utf8'))
  chunks.unshift(chunks.pop() as Buffer)
  // Its own ArrayBuffer, not a view of Buffer's pool: the reply is cloned to the page with all of its memory.
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** Opens the file to import into, from what the header says (the caller picks its path and name). */
export type CreateImportFile = (header: JsonlHeader) => { file: RecordingFile; meta: RecordingMeta }

/**
 * Reads a JSON Lines export into a new recording, in batched transactions. A bad line, or fewer messages than the
 * header says were written, stops the import with a sentence and the new file is deleted: nothing is half-imported.
 */
export async function importRecording(bytes: Uint8Array, create: CreateImportFile): Promise<RecordingMeta> {
  const lines = jsonlLines(bytes)
  const first = lines.next()
  if (first.done) throw new UserFacingError('invalid-argument', 'The file is empty. Choose a JSON Lines file exported from a recording.')
  const header = parseJsonlHeader(first.value.text)
  const { file, meta } = create(header)
  try {
    let batch: RecordedMessage[] = []
    let count = 0
    for (const line of lines) {
      batch.push(parseJsonlMessage(line.text, line.number))
      count++
      if (batch.length === IMPORT_BATCH) {
        file.append(batch)
        batch = []
        await nextTurn()
      }
    }
    file.append(batch)
    if (count !== header.written) {
      throw new UserFacingError(
        'invalid-argument',
        `The file says ${header.written.toLocaleString('en')} messages were recorded but holds ${count.toLocaleString('en')}; it may be cut short. Nothing was imported; export the recording again.`
      )
    }
    const done: RecordingMeta = { ...meta, format: RECORDING_FORMAT, written: count }
    file.writeMeta(done)
    file.close()
    return done
  } catch (error) {
    file.close()
    removeRecordingFiles(file.path)
    throw error
  }
}
