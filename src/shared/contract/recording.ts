import { z } from 'zod'
import { bytesSchema, connectionIdSchema, topicFilterSchema } from './common'
import { defineEvent, defineRequest } from './define'

/** A recording's id: its file name without the extension (letters, digits, '-', '_' and '.'). */
export const recordingIdSchema = z.string().regex(/^[\w.-]{1,200}$/, 'A recording id has letters, digits, dashes, underscores and dots only.')

/** One recording as the recordings list shows it. */
export interface RecordingSummary {
  id: string
  name: string
  connectionId: string
  startedAt: number
  stoppedAt: number | null
  /** Still being written. */
  active: boolean
  /** Messages received while recording that matched its filters. */
  received: number
  written: number
  /** Received but not written, with the reason (the disk full, or not keeping up): lossless means 0. */
  notWritten: number
  notWrittenReason: string | null
  /** Why it ended by itself (a limit, a full disk), or null. */
  endReason: string | null
  sizeBytes: number
  filters: string[]
  /** Set when the file could not be read: the sentence says why. */
  problem: string | null
}

/** Largest export sent back: the headless page joins replies up to 512 MiB, and a frame carries a little more than the bytes. */
export const MAX_RECORDING_EXPORT_BYTES = 500 * 1024 * 1024
/** Largest JSON Lines file imported (the headless server joins requests up to 300 MiB). */
export const MAX_RECORDING_IMPORT_BYTES = 256 * 1024 * 1024
/** Why a larger file is not imported; the page says it before reading the file, main again if one gets through. */
export const RECORDING_IMPORT_TOO_LARGE = `The file is larger than ${MAX_RECORDING_IMPORT_BYTES / 1024 / 1024} MB, so it is not imported. A recording that large can be copied as its .bsrec file into the recordings folder instead.`

/** The file formats a recording is exported to: JSON Lines (importable again) or CSV (for spreadsheets). */
export const recordingExportFormatSchema = z.enum(['jsonl', 'csv'])
export type RecordingExportFormat = z.infer<typeof recordingExportFormatSchema>

export const recordingRequests = {
  /** Starts recording a connection (everything, or what matches `filters`) until stopped or a limit is reached. */
  'recording:start': defineRequest<RecordingSummary>()(
    z.object({
      connectionId: connectionIdSchema,
      name: z.string().trim().min(1).max(100).optional(),
      filters: z.array(topicFilterSchema).max(100).default([]),
      maxMegabytes: z.number().int().min(1).max(1_000_000).optional(),
      maxMinutes: z.number().int().min(1).max(525_600).optional()
    })
  ),
  /** Stops a connection's recording; what was received is written first. */
  'recording:stop': defineRequest<RecordingSummary>()(z.object({ connectionId: connectionIdSchema })),
  /** Every recording on disk, newest first, with the active ones' counts as of now. */
  'recording:list': defineRequest<{ recordings: RecordingSummary[] }>()(z.object({})),
  /** Deletes a recording that is not being written. */
  'recording:delete': defineRequest<{ deleted: boolean }>()(z.object({ recordingId: recordingIdSchema })),
  /** A recording as a JSON Lines or CSV file, for the page to save (refused with a sentence above MAX_RECORDING_EXPORT_BYTES). */
  'recording:export': defineRequest<{ fileName: string; bytes: Uint8Array<ArrayBuffer> }>()(z.object({ recordingId: recordingIdSchema, format: recordingExportFormatSchema })),
  /** A JSON Lines export read back into a new recording; nothing is kept when a line is bad. */
  'recording:import': defineRequest<RecordingSummary>()(
    z.object({
      name: z.string().trim().min(1).max(100).optional(),
      bytes: bytesSchema.refine((b) => b.byteLength <= MAX_RECORDING_IMPORT_BYTES, { message: RECORDING_IMPORT_TOO_LARGE })
    })
  )
} as const

export const recordingEvents = {
  /** An active recording's counts, once a second, and once when it ends. */
  'recording:status': defineEvent<RecordingSummary>()
} as const

/** How a replay stands: counts so far, and why it ended when it did. */
export interface ReplayStatus {
  replayId: string
  recordingId: string
  connectionId: string
  state: 'running' | 'paused' | 'finished' | 'cancelled' | 'failed'
  /** Messages of the recording that pass the replay's filters (counted as they are read). */
  read: number
  /** Messages in the recording (before filters). */
  total: number
  sent: number
  /** Acknowledged by the broker (QoS 0: written to the socket). */
  acknowledged: number
  /** Refused by the broker, each with a reason; the last reason is kept. */
  refused: number
  lastRefusal: string | null
  /** Why the replay stopped early (the connection closed, the file is damaged), or null. */
  error: string | null
  /** Where in the recording the replay is, in ms from its first message, and how long the recording is. */
  positionMs: number
  durationMs: number
}

export const replayRequests = {
  /**
   * Publishes a recording's messages (all, or those matching `filters`) to an open connection: at the recorded
   * timing times `speed` (0.1–100), or as fast as the broker acknowledges when `speed` is null; QoS, retain and
   * MQTT 5 properties as recorded, each topic behind `prefix` (e.g. `replay/`). Status events follow.
   */
  'recording:replay': defineRequest<ReplayStatus>()(
    z.object({
      replayId: z.string().min(1).max(200),
      recordingId: recordingIdSchema,
      connectionId: connectionIdSchema,
      speed: z.number().min(0.1).max(100).nullable().default(1),
      prefix: z
        .string()
        .max(200)
        .refine((prefix) => !/[+#]/.test(prefix), 'A topic prefix cannot hold + or # (they are wildcards).')
        .refine((prefix) => !prefix.includes('\0'), 'A topic prefix cannot hold the NUL character.')
        .default(''),
      filters: z.array(topicFilterSchema).max(100).default([])
    })
  ),
  /** Pauses, resumes or cancels a running replay. */
  'recording:replayControl': defineRequest<ReplayStatus>()(z.object({ replayId: z.string().min(1).max(200), action: z.enum(['pause', 'resume', 'cancel']) }))
} as const

export const replayEvents = {
  /** A replay's counts, a few times a second while it runs, and once when it ends. */
  'recording:replayStatus': defineEvent<ReplayStatus>()
} as const
