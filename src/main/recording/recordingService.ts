import { mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { UserFacingError, type ReceivedMessage, type RecordingExportFormat, type RecordingSummary } from '../../shared/contract'
import type { EventSink } from '../ports/eventSink'
import { Recorder, type RecordingLimits } from './recorder'
import { RECORDING_FORMAT, RecordingFile, type RecordingMeta } from './recordingFile'
import { exportRecording, importRecording, removeRecordingFiles } from './recordingTransfer'

const EXTENSION = '.bsrec'
/** How often waiting messages are written, and active recordings report their counts. */
const FLUSH_MS = 100
const STATUS_MS = 1_000

export interface RecordingServiceOptions {
  /** Folder of the recording files. */
  dir: string
  emit: EventSink
  /** The profile and subscriptions a connection uses, kept with its recording (secrets left out by the caller). */
  describe: (connectionId: string) => unknown
  now?: () => number
}

export interface StartRecording {
  connectionId: string
  name?: string | undefined
  filters: string[]
  maxMegabytes?: number | undefined
  maxMinutes?: number | undefined
}

/** A file name from the start time and the user's name for the recording: sortable, and safe on every OS. */
function fileIdFor(startedAt: number, name: string): string {
  const stamp = new Date(startedAt).toISOString().replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z')
  const slug = name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'recording'
  return `${stamp}-${slug}`
}

/** Recordings of live connections into files, and the list of those on disk. */
export class RecordingService {
  private readonly active = new Map<string, Recorder>()
  /** Recordings being imported: not listed (nor exported or deleted) until complete. */
  private readonly importing = new Set<string>()
  private flushTimer: NodeJS.Timeout | undefined
  private lastStatusAt = 0
  private readonly now: () => number

  constructor(private readonly options: RecordingServiceOptions) {
    this.now = options.now ?? Date.now
  }

  /** Receive path: one message of a connection (nothing to do unless it is being recorded). */
  ingest(connectionId: string, message: ReceivedMessage): void {
    if (this.active.size === 0) return
    this.active.get(connectionId)?.ingest(message)
  }

  start(request: StartRecording): RecordingSummary {
    if (this.active.has(request.connectionId)) {
      throw new UserFacingError('invalid-argument', 'This connection is already being recorded. Stop that recording first.')
    }
    mkdirSync(this.options.dir, { recursive: true, mode: 0o700 })
    const startedAt = this.now()
    const name = request.name ?? `Recording ${new Date(startedAt).toISOString().slice(0, 19).replace('T', ' ')}`
    const id = this.newId(startedAt, name)
    const meta: RecordingMeta = {
      format: RECORDING_FORMAT,
      name,
      connectionId: request.connectionId,
      profile: this.options.describe(request.connectionId),
      filters: request.filters,
      startedAt,
      stoppedAt: null,
      received: 0,
      written: 0,
      notWritten: 0,
      notWrittenReason: null
    }
    const limits: RecordingLimits = {
      maxBytes: request.maxMegabytes === undefined ? null : request.maxMegabytes * 1048576,
      maxAgeMs: request.maxMinutes === undefined ? null : request.maxMinutes * 60_000
    }
    const file = RecordingFile.create(this.pathOf(id), meta)
    const recorder = new Recorder({ file, meta, limits, now: this.now })
    this.active.set(request.connectionId, recorder)
    this.flushTimer ??= setInterval(() => this.flushAll(), FLUSH_MS).unref()
    return this.summaryOf(id, recorder)
  }

  /** Stops a connection's recording after writing what waits. */
  stop(connectionId: string): RecordingSummary {
    const recorder = this.active.get(connectionId)
    if (!recorder) throw new UserFacingError('not-found', 'This connection is not being recorded.')
    recorder.end()
    return this.finish(connectionId, recorder)
  }

  /** Every recording on disk, newest first. */
  list(): RecordingSummary[] {
    let names: string[]
    try {
      names = readdirSync(this.options.dir).filter((name) => name.endsWith(EXTENSION) && !this.importing.has(name.slice(0, -EXTENSION.length)))
    } catch {
      return []
    }
    const activeById = new Map([...this.active.values()].map((recorder) => [this.idOf(recorder.path), recorder]))
    return names
      .map((name) => name.slice(0, -EXTENSION.length))
      .sort()
      .reverse()
      .map((id) => {
        const recorder = activeById.get(id)
        return recorder ? this.summaryOf(id, recorder) : this.readSummary(id)
      })
  }

  /** Opens a recording on disk for reading (replay); a sentence when there is none by that id. */
  open(id: string): RecordingFile {
    if (!this.exists(id)) throw new UserFacingError('not-found', 'That recording is no longer on disk. It may have been deleted in another window.')
    return RecordingFile.open(this.pathOf(id))
  }

  /** Deletes a recording that is not being written. */
  delete(id: string): boolean {
    if (this.isActive(id)) {
      throw new UserFacingError('invalid-argument', 'This recording is still being written. Stop it first.')
    }
    if (!this.exists(id) || this.importing.has(id)) return false
    removeRecordingFiles(this.pathOf(id))
    return true
  }

  /** A recording that is not being written, as a JSON Lines or CSV file. */
  async exportFile(id: string, format: RecordingExportFormat): Promise<{ fileName: string; bytes: Uint8Array<ArrayBuffer> }> {
    if (!this.exists(id) || this.importing.has(id)) throw new UserFacingError('not-found', 'This recording is no longer on disk. Reload the list of recordings.')
    // Its counts are written when it stops, so an export before then could not say what it holds.
    if (this.isActive(id)) throw new UserFacingError('invalid-argument', 'This recording is still being written. Stop it first, then export it.')
    const file = RecordingFile.open(this.pathOf(id))
    try {
      return { fileName: `${id}.${format}`, bytes: await exportRecording(file, format) }
    } finally {
      file.close()
    }
  }

  /** A JSON Lines export read back as a new recording, named `name` or as the file says. */
  async importFile(bytes: Uint8Array, name?: string): Promise<RecordingSummary> {
    mkdirSync(this.options.dir, { recursive: true, mode: 0o700 })
    let id = ''
    try {
      await importRecording(bytes, (header) => {
        const meta: RecordingMeta = { ...header, format: RECORDING_FORMAT, name: name ?? header.name }
        id = this.newId(header.startedAt, meta.name)
        this.importing.add(id)
        return { file: RecordingFile.create(this.pathOf(id), meta), meta }
      })
    } finally {
      this.importing.delete(id)
    }
    return this.readSummary(id)
  }

  /** Stops every recording (quit); what waits is written. */
  dispose(): void {
    for (const [connectionId, recorder] of this.active) {
      recorder.end()
      this.finish(connectionId, recorder)
    }
    if (this.flushTimer) clearInterval(this.flushTimer)
    this.flushTimer = undefined
  }

  private flushAll(): void {
    const now = this.now()
    const report = now - this.lastStatusAt >= STATUS_MS
    if (report) this.lastStatusAt = now
    for (const [connectionId, recorder] of this.active) {
      recorder.flush()
      if (recorder.ended) this.finish(connectionId, recorder)
      else if (report) this.options.emit('recording:status', this.summaryOf(this.idOf(recorder.path), recorder))
    }
  }

  /** Forgets an ended recorder and tells the windows how it ended. */
  private finish(connectionId: string, recorder: Recorder): RecordingSummary {
    this.active.delete(connectionId)
    if (this.active.size === 0 && this.flushTimer) {
      clearInterval(this.flushTimer)
      this.flushTimer = undefined
    }
    const summary = this.summaryOf(this.idOf(recorder.path), recorder)
    this.options.emit('recording:status', summary)
    return summary
  }

  private summaryOf(id: string, recorder: Recorder): RecordingSummary {
    const meta = recorder.meta
    return {
      id,
      name: meta.name,
      connectionId: meta.connectionId,
      startedAt: meta.startedAt,
      stoppedAt: meta.stoppedAt,
      active: !recorder.ended,
      received: meta.received,
      written: meta.written,
      notWritten: meta.notWritten,
      notWrittenReason: meta.notWrittenReason,
      endReason: recorder.endReason,
      sizeBytes: this.sizeOf(id),
      filters: meta.filters,
      problem: null
    }
  }

  private readSummary(id: string): RecordingSummary {
    const base: RecordingSummary = { id, name: id, connectionId: '', startedAt: 0, stoppedAt: null, active: false, received: 0, written: 0, notWritten: 0, notWrittenReason: null, endReason: null, sizeBytes: this.sizeOf(id), filters: [], problem: null }
    let file: RecordingFile | undefined
    try {
      file = RecordingFile.open(this.pathOf(id))
      const meta = file.meta()
      const { name, connectionId, startedAt, stoppedAt, received, written, notWritten, notWrittenReason, filters } = meta
      return { ...base, name, connectionId, startedAt, stoppedAt, received, written, notWritten, notWrittenReason, filters }
    } catch (error) {
      return { ...base, problem: error instanceof Error ? error.message : String(error) }
    } finally {
      file?.close()
    }
  }

  private sizeOf(id: string): number {
    let bytes = 0
    for (const suffix of ['', '-wal']) {
      try {
        bytes += statSync(this.pathOf(id) + suffix).size
      } catch {
        // No write-ahead log (yet, or any more): only the main file counts.
      }
    }
    return bytes
  }

  private isActive(id: string): boolean {
    return [...this.active.values()].some((recorder) => this.idOf(recorder.path) === id)
  }

  /** A free id for a recording started at `startedAt` with this name. */
  private newId(startedAt: number, name: string): string {
    let id = fileIdFor(startedAt, name)
    for (let n = 2; this.exists(id); n++) id = `${fileIdFor(startedAt, name)}-${n}`
    return id
  }

  private exists(id: string): boolean {
    try {
      statSync(this.pathOf(id))
      return true
    } catch {
      return false
    }
  }

  private pathOf(id: string): string {
    return join(this.options.dir, id + EXTENSION)
  }

  private idOf(path: string): string {
    return path.slice(this.options.dir.length + 1, -EXTENSION.length)
  }
}
