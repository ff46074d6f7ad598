import { z } from 'zod'
import { connectionIdSchema } from './common'
import { defineRequest } from './define'
import { recordingIdSchema } from './recording'

/** A recording opened as a read-only tab has a connection id of its own kind, so it never names a live connection. */
export const BROWSE_ID_PREFIX = 'recording-'
export const browseIdSchema = connectionIdSchema.refine((id) => id.startsWith(BROWSE_ID_PREFIX), `A recording tab's id starts with "${BROWSE_ID_PREFIX}".`)

/** A recording open as a read-only tab: its model holds the messages received up to `at`. */
export interface RecordingBrowse {
  connectionId: string
  recordingId: string
  name: string
  /** The profile the recording was made with, by name, when it says. */
  profileName: string | null
  /** Receive times of its first and last message, ms since the epoch (null: it holds none). */
  firstAt: number | null
  lastAt: number | null
  /** The moment the tab shows: every message received at or before it is in the model. */
  at: number
  /** Messages in the recording, and how many of them are up to `at`. */
  total: number
  loaded: number
  /** Set when the file is damaged: what is shown and where reading stopped. */
  damage: string | null
  /** A later seek of the same tab took over before this one finished; its reply tells where that one stands. */
  superseded: boolean
}

export const browseRequests = {
  /**
   * Opens a recording as a read-only tab under `connectionId`: its messages up to `at` (null: all of them) go
   * into a model of their own, which streams to every page like a connection's. Replies when they are in.
   */
  'recording:browse': defineRequest<RecordingBrowse>()(z.object({ connectionId: browseIdSchema, recordingId: recordingIdSchema, at: z.number().finite().nullable().default(null) })),
  /** Shows a recording tab as it was at `at` (clamped to the recording's first and last message). */
  'recording:seek': defineRequest<RecordingBrowse>()(z.object({ connectionId: browseIdSchema, at: z.number().finite() })),
  /** Closes a recording tab and releases its model. */
  'recording:closeBrowse': defineRequest<{ closed: boolean }>()(z.object({ connectionId: browseIdSchema }))
} as const
