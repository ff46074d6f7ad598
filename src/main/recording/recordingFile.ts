import { rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import { encode } from '@msgpack/msgpack'
import { UserFacingError } from '../../shared/contract'
import { cutShortCopy } from './cutShortCopy'
import { readMessages } from './recordingReader'
import { flagsOf, SCHEMA, type RecordedMessage } from './recordingSchema'

export type { RecordedMessage } from './recordingSchema'

/** The format this version writes; a file of a newer one is refused, an older one would be migrated here. */
export const RECORDING_FORMAT = 1

/** What a recording says about itself (kept in its `meta` table, as JSON). */
export interface RecordingMeta {
  format: number
  name: string
  connectionId: string
  /** The profile and subscriptions the connection used, as they were when recording began. */
  profile: unknown
  filters: string[]
  startedAt: number
  stoppedAt: number | null
  /** Messages the connection received while recording (and that matched the filters). */
  received: number
  /** Of those, messages written; the rest are counted in `notWritten` with the reason. */
  written: number
  notWritten: number
  notWrittenReason: string | null
}

/** Rows one INSERT writes (5 parameters each, within SQLite's 32,766). */
const ROWS_PER_INSERT = 64
const ROW = '(?, ?, ?, ?, ?)'

/** Says what went wrong with a recording file in a sentence that names it. */
function unreadable(path: string, error: unknown): UserFacingError {
  const detail = error instanceof Error ? error.message : String(error)
  return new UserFacingError('invalid-argument', `The recording ${path} could not be read (${detail}). It may be damaged or not a recording of this app.`)
}

/**
 * One recording on disk: SQLite in WAL mode, topics stored once, every message with its payload bytes, flags,
 * MQTT 5 properties (MessagePack, so bytes stay bytes) and receive time. Written in batched transactions.
 */
export class RecordingFile {
  /** Set when the file is damaged: a sentence saying what is shown. */
  damage: string | null = null
  /** The row id of the last message `messages()` gave. */
  lastReadId = 0
  private intact: { count: number; first: number | null; last: number | null } | undefined
  /** A cut-short file is read from a padded copy, removed on close. */
  private copy: string | null = null
  private readonly db: Database.Database
  private readonly topicIds = new Map<string, number>()
  private readonly insertTopic: Database.Statement
  private readonly insertMessage: Database.Statement
  private readonly insertMessages: Database.Statement
  private readonly writeBatch: (messages: readonly RecordedMessage[]) => void

  private constructor(
    readonly path: string,
    db: Database.Database
  ) {
    this.db = db
    this.insertTopic = db.prepare('INSERT INTO topics (name) VALUES (?)')
    this.insertMessage = db.prepare(`INSERT INTO messages (topic_id, received_us, flags, payload, properties) VALUES ${ROW}`)
    this.insertMessages = db.prepare(`INSERT INTO messages (topic_id, received_us, flags, payload, properties) VALUES ${Array(ROWS_PER_INSERT).fill(ROW).join(', ')}`)
    for (const row of db.prepare('SELECT id, name FROM topics').iterate() as IterableIterator<{ id: number; name: string }>) this.topicIds.set(row.name, row.id)
    // Many rows per statement: binding and stepping one statement per message costs more than writing it.
    const values = new Array<unknown>(ROWS_PER_INSERT * 5)
    this.writeBatch = db.transaction((messages: readonly RecordedMessage[]) => {
      let at = 0
      for (; at + ROWS_PER_INSERT <= messages.length; at += ROWS_PER_INSERT) {
        for (let i = 0; i < ROWS_PER_INSERT; i++) this.bindRow(values, i * 5, messages[at + i] as RecordedMessage)
        this.insertMessages.run(values)
      }
      const one = new Array<unknown>(5)
      for (; at < messages.length; at++) {
        this.bindRow(one, 0, messages[at] as RecordedMessage)
        this.insertMessage.run(one)
      }
    })
  }

  /** Creates a new recording file (it must not exist yet). */
  static create(path: string, meta: RecordingMeta): RecordingFile {
    const db = new Database(path, { fileMustExist: false })
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.exec(SCHEMA)
    const file = new RecordingFile(path, db)
    file.writeMeta(meta)
    return file
  }

  /**
   * Opens a recording to read. A file cut short (a crash, a copy that stopped) is read up to where it ends;
   * one that is not a recording, or was written by a newer version, is refused with a sentence.
   */
  static open(path: string): RecordingFile {
    try {
      return RecordingFile.openAt(path, path)
    } catch (error) {
      if (error instanceof UserFacingError) throw error
      const recovered = cutShortCopy(path)
      if (!recovered) throw unreadable(path, error)
      try {
        const file = RecordingFile.openAt(path, recovered)
        file.copy = recovered
        file.damage = `The recording ${path} was cut short; the messages up to where it ends are shown.`
        return file
      } catch (again) {
        rmSync(recovered, { force: true })
        throw again instanceof UserFacingError ? again : unreadable(path, again)
      }
    }
  }

  /**
   * Opens a recording to write more into (the history a profile keeps on disk). A file that is not a
   * recording, is damaged or was written by a newer version is refused with a sentence, so the caller can
   * set it aside instead of writing over it.
   */
  static openToAppend(path: string): RecordingFile {
    try {
      const file = RecordingFile.openAt(path, path, false)
      file.db.pragma('journal_mode = WAL')
      file.db.pragma('synchronous = NORMAL')
      const check = file.db.pragma('quick_check', { simple: true })
      if (check !== 'ok') {
        file.close()
        throw new Error(String(check))
      }
      return file
    } catch (error) {
      throw error instanceof UserFacingError ? error : unreadable(path, error)
    }
  }

  /** Opens `file` (the recording at `path`, or a copy of it), read-only unless asked, and checks what it says about itself. */
  private static openAt(path: string, file: string, readonly = true): RecordingFile {
    const db = new Database(file, { readonly, fileMustExist: true })
    try {
      const row = db.prepare("SELECT value FROM meta WHERE key = 'meta'").get() as { value: string } | undefined
      if (!row) throw new Error('it has no description')
      const meta = JSON.parse(row.value) as RecordingMeta
      if (meta.format > RECORDING_FORMAT) {
        throw new UserFacingError('unsupported', `The recording ${path} was made by a newer version of Brokerscope (format ${meta.format}). Update the app to open it.`)
      }
      return new RecordingFile(path, db)
    } catch (error) {
      db.close()
      throw error
    }
  }

  meta(): RecordingMeta {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'meta'").get() as { value: string }
    return JSON.parse(row.value) as RecordingMeta
  }

  writeMeta(meta: RecordingMeta): void {
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('meta', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(meta))
  }

  /** Writes messages in one transaction: all of them or none (the caller counts a failed batch as not written). */
  append(messages: readonly RecordedMessage[]): void {
    this.writeBatch(messages)
  }

  /** Deletes all but the newest `perTopic` messages of each topic; returns how many were deleted. */
  keepNewest(perTopic: number): number {
    const ranked = 'SELECT id, ROW_NUMBER() OVER (PARTITION BY topic_id ORDER BY id DESC) AS rank FROM messages'
    return this.db.prepare(`DELETE FROM messages WHERE id IN (SELECT id FROM (${ranked}) WHERE rank > ?)`).run(perTopic).changes
  }

  /** Bytes the file and its write-ahead log take on disk now. */
  sizeBytes(): number {
    const { page_count: pages } = this.db.prepare('PRAGMA page_count').get() as { page_count: number }
    const { page_size: size } = this.db.prepare('PRAGMA page_size').get() as { page_size: number }
    return pages * size
  }

  messageCount(): number {
    try {
      return (this.db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n
    } catch {
      return this.scanIntact().count
    }
  }

  /** Time from the first message to the last, in ms (0 when there are fewer than two). */
  durationMs(): number {
    const span = this.span()
    return span ? span.lastAt - span.firstAt : 0
  }

  /** The receive times of the first and the last message in ms since the epoch (null when there are none). */
  span(): { firstAt: number; lastAt: number } | null {
    let row: { first: number | null; last: number | null }
    try {
      row = this.db.prepare('SELECT min(received_us) AS first, max(received_us) AS last FROM messages').get() as typeof row
    } catch {
      row = this.scanIntact()
    }
    return row.first === null || row.last === null ? null : { firstAt: row.first / 1000, lastAt: row.last / 1000 }
  }

  /** Count and receive-time range of the messages that can be read, for a damaged file the aggregates fail on. */
  private scanIntact(): { count: number; first: number | null; last: number | null } {
    if (this.intact) return this.intact
    let count = 0
    let first: number | null = null
    let last: number | null = null
    for (const message of this.messages()) {
      count++
      first = Math.min(first ?? message.receivedAtMicros, message.receivedAtMicros)
      last = Math.max(last ?? message.receivedAtMicros, message.receivedAtMicros)
    }
    this.intact = { count, first, last }
    return this.intact
  }

  /**
   * Every message in the order received, read in batches (see readMessages). With a range, only the messages
   * after row `afterId` received at or before `untilMicros`; `lastReadId` says where it got to.
   */
  messages(range: { afterId?: number; untilMicros?: number } = {}): IterableIterator<RecordedMessage> {
    const names = new Map<number, string>()
    for (const [name, id] of this.topicIds) names.set(id, name)
    return readMessages(this.db, names, range, this)
  }

  close(): void {
    if (this.db.open) this.db.close()
    if (this.copy) rmSync(this.copy, { force: true })
  }

  private bindRow(values: unknown[], at: number, message: RecordedMessage): void {
    values[at] = this.topicId(message.topic)
    values[at + 1] = message.receivedAtMicros
    values[at + 2] = flagsOf(message)
    values[at + 3] = message.payload
    values[at + 4] = message.properties ? encode(message.properties) : null
  }

  private topicId(topic: string): number {
    let id = this.topicIds.get(topic)
    if (id === undefined) {
      id = Number(this.insertTopic.run(topic).lastInsertRowid)
      this.topicIds.set(topic, id)
    }
    return id
  }
}
