import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import type { ReceivedMessage, StorageNotice } from '../../shared/contract'
import { Recorder } from '../recording/recorder'
import { RECORDING_FORMAT, RecordingFile, type RecordingMeta } from '../recording/recordingFile'
import { receivedMessageOf } from '../recording/recordingSchema'
import { removeRecordingFiles } from '../recording/recordingTransfer'

/** How often waiting messages are written. */
const FLUSH_MS = 250
/** A profile's history file stops growing here (the newest messages per topic are what it is for). */
export const DEFAULT_HISTORY_MAX_BYTES = 1 << 30

export interface HistoryKeeperOptions {
  /** Folder of the history files, one per profile. */
  dir: string
  /** Messages kept per topic: what the model keeps, so a restart shows what the last session showed. */
  perTopic: () => number
  /** Tells the user something about a history file (one set aside, one that stopped growing). */
  notify: (notice: Omit<StorageNotice, 'id' | 'at'>) => void
  maxBytes?: number
  now?: () => number
}

/** A file name from a profile id that is safe on every OS. */
function fileNameOf(profileId: string): string {
  return `${profileId.replace(/[^\w-]+/g, '_')}.bsrec`
}

/**
 * The history a profile keeps on disk ("keep history on disk"): while its connection is open, every message is
 * written to the profile's file (a recording, batched off the receive path); when the connection opens again
 * after a restart, the newest messages of each topic are read back into the model before new ones arrive.
 * The file is trimmed to what the model keeps per topic each time it is opened, so it grows with the topics,
 * not with the time the profile was used.
 */
export class HistoryKeeper {
  private readonly active = new Map<string, Recorder>()
  private flushTimer: NodeJS.Timeout | undefined
  private readonly now: () => number

  constructor(private readonly options: HistoryKeeperOptions) {
    this.now = options.now ?? Date.now
  }

  /**
   * Starts keeping a connection's messages in its profile's file. With `restore`, the messages the file holds
   * are handed to it first, oldest first (the caller passes none when its model holds this session already).
   * Returns how many were restored.
   */
  open(connectionId: string, profileId: string, profileName: string, restore: ((message: ReceivedMessage) => void) | null): number {
    if (this.active.has(connectionId)) return 0
    mkdirSync(this.options.dir, { recursive: true, mode: 0o700 })
    const path = join(this.options.dir, fileNameOf(profileId))
    const file = this.openFile(path, connectionId, profileName)
    let restored = 0
    if (restore) {
      for (const message of file.messages()) {
        restore(receivedMessageOf(message))
        restored++
      }
    }
    const meta = { ...file.meta(), connectionId, stoppedAt: null }
    this.active.set(connectionId, new Recorder({ file, meta, limits: { maxBytes: this.options.maxBytes ?? DEFAULT_HISTORY_MAX_BYTES, maxAgeMs: null }, now: this.now }))
    this.flushTimer ??= setInterval(() => this.flushAll(), FLUSH_MS).unref()
    return restored
  }

  /** Receive path: one message of a connection (nothing to do unless its profile keeps history). */
  ingest(connectionId: string, message: ReceivedMessage): void {
    if (this.active.size === 0) return
    this.active.get(connectionId)?.ingest(message)
  }

  /** Writes what waits and closes the connection's file (the connection closed). */
  close(connectionId: string): void {
    const recorder = this.active.get(connectionId)
    if (!recorder) return
    recorder.end()
    this.forget(connectionId)
  }

  /** The profile was deleted: its history goes too (written to the end first when its connection is open). */
  discard(profileId: string): void {
    const path = join(this.options.dir, fileNameOf(profileId))
    for (const [connectionId, recorder] of this.active) if (recorder.path === path) this.close(connectionId)
    removeRecordingFiles(path)
  }

  /** Whether a connection's messages are being kept. */
  keeps(connectionId: string): boolean {
    return this.active.has(connectionId)
  }

  dispose(): void {
    for (const connectionId of [...this.active.keys()]) this.close(connectionId)
  }

  /** The profile's file trimmed to the newest messages per topic; a new one when there is none or it cannot be used. */
  private openFile(path: string, connectionId: string, profileName: string): RecordingFile {
    if (existsSync(path)) {
      try {
        const file = RecordingFile.openToAppend(path)
        file.keepNewest(this.options.perTopic())
        return file
      } catch (error) {
        const aside = `${path}.unreadable-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`
        for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix)
        const reason = error instanceof Error ? error.message : String(error)
        this.options.notify({
          level: 'warning',
          message: `The history "${profileName}" kept on disk could not be opened (${reason}). It was set aside, unchanged, and a new history starts now.`,
          backupPath: aside
        })
      }
    }
    const meta: RecordingMeta = {
      format: RECORDING_FORMAT,
      name: `History of ${profileName}`,
      connectionId,
      profile: null,
      filters: [],
      startedAt: this.now(),
      stoppedAt: null,
      received: 0,
      written: 0,
      notWritten: 0,
      notWrittenReason: null
    }
    return RecordingFile.create(path, meta)
  }

  private flushAll(): void {
    for (const [connectionId, recorder] of this.active) {
      recorder.flush()
      if (!recorder.ended) continue
      this.options.notify({ level: 'warning', message: `${recorder.endReason ?? 'Keeping history stopped.'} Messages from now on are not kept on disk (${recorder.path}); the history up to here is.` })
      this.forget(connectionId)
    }
  }

  private forget(connectionId: string): void {
    this.active.delete(connectionId)
    if (this.active.size === 0 && this.flushTimer) {
      clearInterval(this.flushTimer)
      this.flushTimer = undefined
    }
  }
}
